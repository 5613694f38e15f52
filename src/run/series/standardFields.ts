/**
 * The fields every RunResult has (metrics, test forecasts, training sample, divergences), filled
 * for a measured series so the CLI's JSON contract and the shared plots hold:
 * - test: the n forecasts started H steps before each target, count × (H+1) × d, physical units;
 * - trainMse / testMse / rolloutMse*: MSE of the first d embedded entries (the forecast
 *   variables) in standardised units, so variables of different units weigh equally; one step
 *   (training pairs / test targets) and over steps 1 … H of the n forecasts;
 * - vpt: median over the n forecasts of the last step before the normalised error
 *   e(t) = ‖ẑ_t − z_t‖ / √d first exceeds ε, in steps (days for weather).
 */
import type { TrajectorySet } from '../../sources/dataset';
import type { EdmdFit } from '../../method/edmd';
import { median, medianCurve, spectrumStats, validPredictionTimes } from '../../method/metrics';
import type { Divergence, Metrics, RunResult } from '../result';
import type { RolloutOutput } from '../../method/rollout';
import type { Dictionary } from '../../method/sampling/hiddenLayer';
import type { Standardiser } from '../../sources/series/embed';
import type { SeriesPlan } from '../../sources/series/plan';

const TRAIN_SAMPLE_ROWS = 3000;
const TRAIN_MSE_PAIRS = 5000;

export interface StandardInput {
  plan: SeriesPlan;
  st: Standardiser;
  train: TrajectorySet;
  dict: Dictionary;
  fit: EdmdFit;
  /** Re-lifted rollouts from all n + H − 1 origins; linear ones from the first n. */
  relift: RolloutOutput;
  linear: RolloutOutput;
  n: number;
  eps: number;
  eig: { re: Float64Array; im: Float64Array };
}

export interface StandardFields {
  metrics: Metrics;
  test: RunResult['test'];
  trainSample: RunResult['trainSample'];
  divergences: Divergence[];
}

export function seriesStandardFields(inp: StandardInput): StandardFields {
  const { plan, st, train, relift, linear, n, eig } = inp;
  const d = plan.vars.length;
  const D = train.d;
  const H = plan.horizon;
  const steps = H + 1;
  // Standardised truth of the n full windows: window q = rows targetStart − H + q … targetStart + q.
  const z = new Float64Array(n * steps * d);
  const truth = new Float64Array(n * steps * d);
  for (let q = 0; q < n; q++)
    for (let t = 0; t < steps; t++)
      plan.vars.forEach((c, i) => {
        const x = plan.table.columns[c][plan.targetStart - H + q + t];
        truth[(q * steps + t) * d + i] = x;
        z[(q * steps + t) * d + i] = (x - st.mean[i]) / st.std[i];
      });
  const zr = firstEntries(relift.x, n, steps, D, d);
  const zl = firstEntries(linear.x, n, steps, D, d);
  const errR = errors(zr, z, n * steps, d);
  const errL = errors(zl, z, n * steps, d);
  const mseR = windowMse(zr, z, n, steps, d);
  const mseL = windowMse(zl, z, n, steps, d);
  // One step ahead of target q: step 1 of the rollout from origin q + H − 1.
  let test1 = 0;
  for (let q = 0; q < n; q++)
    for (let i = 0; i < d; i++)
      test1 += (relift.x[((q + H - 1) * steps + 1) * D + i] - z[(q * steps + H) * d + i]) ** 2;
  const vptR = validPredictionTimes(errR, n, H, inp.eps, 1);
  const vptL = validPredictionTimes(errL, n, H, inp.eps, 1);
  const { unstable, radius } = spectrumStats(eig);
  const count = (r: RolloutOutput, upto: number) =>
    Array.from(r.divergedAt.subarray(0, upto)).filter((s) => s >= 0).length;
  const metrics: Metrics = {
    trainMse: trainOneStep(inp.dict, inp.fit.CK, train, d),
    testMse: test1 / (n * d),
    rolloutMse: mseR.total,
    rolloutMseRelift: mseR.total,
    rolloutMseLinear: mseL.total,
    rolloutMsePerComponent: mseR.perComponent,
    divergedRelift: count(relift, relift.divergedAt.length),
    divergedLinear: count(linear, n),
    vpt: median(vptR),
    vptLyapunov: null,
    vptRelift: median(vptR),
    vptLinear: median(vptL),
    unstableEigenvalues: unstable,
    spectralRadius: radius,
  };
  const physical = (a: Float64Array) => a.map((v, k) => st.mean[k % d] + st.std[k % d] * v);
  const divergences: Divergence[] = [];
  for (const [rollout, r] of [
    ['relift', relift],
    ['linear', linear],
  ] as const)
    r.divergedAt.forEach((step, testIndex) => {
      if (step >= 0)
        divergences.push({ rollout, testIndex, step, reason: r.divergedReason[testIndex]! });
    });
  return {
    metrics,
    test: {
      count: n,
      horizon: H,
      truth,
      relift: physical(zr),
      linear: physical(zl),
      errorRelift: errR,
      errorLinear: errL,
      medianErrorRelift: medianCurve(errR, n, H),
      medianErrorLinear: medianCurve(errL, n, H),
    },
    trainSample: trainSample(train, d, st),
    divergences,
  };
}

/** The first d of D entries of each state of count × steps × D, as count × steps × d. */
function firstEntries(x: Float64Array, count: number, steps: number, D: number, d: number) {
  const out = new Float64Array(count * steps * d);
  for (let k = 0; k < count * steps; k++) for (let i = 0; i < d; i++) out[k * d + i] = x[k * D + i];
  return out;
}

/** e = ‖ẑ − z‖ / √d for each of `rows` states of d entries; non-finite → ∞. */
function errors(f: Float64Array, z: Float64Array, rows: number, d: number): Float64Array {
  const e = new Float64Array(rows);
  const scale = Math.sqrt(d);
  for (let k = 0; k < rows; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += (f[k * d + i] - z[k * d + i]) ** 2;
    e[k] = Number.isFinite(s) ? Math.sqrt(s) / scale : Infinity;
  }
  return e;
}

/** Per-variable MSE over steps 1 … H of all windows; null when any value is non-finite. */
function windowMse(f: Float64Array, z: Float64Array, count: number, steps: number, d: number) {
  const per = new Array<number>(d).fill(0);
  for (let q = 0; q < count; q++)
    for (let t = 1; t < steps; t++)
      for (let i = 0; i < d; i++) {
        const k = (q * steps + t) * d + i;
        per[i] += (f[k] - z[k]) ** 2;
      }
  const perComponent = per.map((s) => s / (count * (steps - 1)));
  if (!perComponent.every(Number.isFinite)) return { total: null, perComponent: null };
  return { total: perComponent.reduce((a, b) => a + b, 0) / d, perComponent };
}

/** One-step MSE of the first d entries over (at most 5000, evenly strided) training pairs. */
function trainOneStep(dict: Dictionary, CK: Float64Array, train: TrajectorySet, d: number) {
  const D = train.d;
  const m = dict.m;
  const pairs = train.points - 1;
  const stride = Math.max(1, Math.floor(pairs / TRAIN_MSE_PAIRS));
  const psi = new Float64Array(m);
  let s = 0;
  let count = 0;
  for (let t = 0; t < pairs; t += stride) {
    dict.lift(train.data, t * D, psi, 0);
    for (let i = 0; i < d; i++) {
      let y = 0;
      for (let c = 0; c < m; c++) y += CK[i * m + c] * psi[c];
      s += (y - train.data[(t + 1) * D + i]) ** 2;
    }
    count++;
  }
  return s / (count * d);
}

/** Up to 3000 training states' forecast variables in physical units (rows × d). */
function trainSample(train: TrajectorySet, d: number, st: Standardiser): RunResult['trainSample'] {
  const D = train.d;
  const stride = Math.max(1, Math.ceil(train.points / TRAIN_SAMPLE_ROWS));
  const rows = Math.ceil(train.points / stride);
  const x = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++)
    for (let i = 0; i < d; i++)
      x[r * d + i] = st.mean[i] + st.std[i] * train.data[r * stride * D + i];
  return { x, traj: new Int32Array(rows), rows };
}
