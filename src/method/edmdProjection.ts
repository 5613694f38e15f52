/**
 * The POD projection of a truncated fit (METHOD.md §3; the "project" stage between the features
 * and the solve of src/method/edmd.ts): the r leading POD directions Q of the lifted states and the
 * projected sums QᵀGQ and Σ QᵀΨ(y)(QᵀΨ(x))ᵀ, from a second pass over the data (p = 0 only).
 */
import { createGramAccumulator, defaultKernel } from '../numerics/kernels/gramKernels';
import { gemmNN } from '../numerics/kernels/gemm';
import { transpose } from '../numerics/linalg/matrix';
import { principalSubspace } from '../numerics/pod';
import type { Rng } from '../numerics/rng';
import type { TrajectorySet } from '../numerics/trajectorySet';
import type { EdmdProjection, EdmdSums } from './edmd';
import {
  chunksOf,
  forEachChunk,
  liftChunk,
  plainSet,
  splitChunks,
  type ParallelFit,
  type ProjectShared,
} from './parallel';
import type { Dictionary } from './sampling/hiddenLayer';

/**
 * The POD basis of rank r (randomized subspace iteration on G, seeded by `rng`) and the projected
 * cross term, from a second pass over the data (p = 0 only).
 */
export function projectEdmd(
  dict: Dictionary,
  train: TrajectorySet,
  sums: EdmdSums,
  r: number,
  rng: Rng,
  onProgress?: (fraction: number) => void,
  par?: ParallelFit,
): EdmdProjection {
  const { m, G } = sums;
  const Q = principalSubspace(G, m, r, rng);
  const acc = createGramAccumulator(r, { withCross: true });
  const xb = new Float64Array(acc.blockRows * m);
  const yb = new Float64Array(acc.blockRows * m);
  const total = train.count * (train.points - 1);
  let done = 0;
  if (par && par.pool.size > 1) {
    // The projected rows in the threads, the sequential sum over pairs here (parallel.ts).
    const runs = splitChunks(chunksOf(train, acc.blockRows), par.pool.size);
    const parts = par.pool.map<ProjectShared, Int32Array, Float64Array>(
      'project',
      { layer: par.layer, train: plainSet(train), Q, r },
      runs,
    );
    runs.forEach((run, i) => {
      let at = 0;
      for (let c = 0; c < run.length; c += 3) {
        const rows = run[c + 2];
        const px = parts[i].subarray(at, at + (rows + 1) * r);
        acc.xBlock.set(px.subarray(0, rows * r));
        acc.yBlock!.set(px.subarray(r, (rows + 1) * r), 0);
        acc.accumulate(rows);
        at += (rows + 1) * r;
      }
    });
  } else
    forEachChunk(train, acc.blockRows, (j, t, rows) => {
      liftChunk(dict, train, j, t, rows, xb, yb);
      // Project each state once: the y rows are the x rows shifted by one, plus the chunk's last state.
      const px = gemmNN(xb, rows, m, Q, r);
      acc.xBlock.set(px);
      acc.yBlock!.set(px.subarray(r), 0);
      acc.yBlock!.set(
        gemmNN(yb.subarray((rows - 1) * m, rows * m), 1, m, Q, r, defaultKernel()),
        (rows - 1) * r,
      );
      acc.accumulate(rows);
      done += rows;
      onProgress?.(done / total);
    });
  const Ar = acc.cross();
  acc.dispose();
  // QᵀGQ: the projected Gram (Q orthonormal).
  const GQ = gemmNN(G, m, m, Q, r);
  const Gr = gemmNN(transpose(Q, m, r), r, m, GQ, r); // Σ_i Q[i,a]·GQ[i,b] in i from +0
  let num = 0;
  let den = 0;
  const QGr = gemmNN(Q, m, r, Gr, r);
  for (let k = 0; k < m * r; k++) num += (GQ[k] - QGr[k]) ** 2;
  for (let k = 0; k < m * m; k++) den += G[k] * G[k];
  return { r, Q, Ar, Gr, residual: Math.sqrt(num / den) };
}
