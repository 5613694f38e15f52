import { describe, expect, it } from 'vitest';
import { accumulateEdmd, solveEdmd } from '../../src/method/edmd';
import { rolloutLinear, rolloutRelift } from '../../src/method/rollout';
import type { Dictionary } from '../../src/method/sampling/hiddenLayer';
import { createRng } from '../../src/numerics/rng';
import type { TrajectorySet } from '../../src/numerics/trajectorySet';

/**
 * A linear controlled system x_{t+1} = A x_t + b u_t (A with eigenvalues 1.02 and 0.9: one
 * unstable mode) and the dictionary Ψ(x) = [x; 1]. EDMD with control must return
 * K = blockdiag(A, 1) and B = [b; 0] exactly (up to rounding), with reg = 0.
 */
const A = [1.02, 0.1, 0, 0.9];
const b = [0.05, 0.2];

const linearDictionary: Dictionary = {
  d: 2,
  m: 3,
  lift(x, xo, out, o) {
    out[o] = x[xo];
    out[o + 1] = x[xo + 1];
    out[o + 2] = 1;
  },
};

function linearControlledData(count: number, steps: number, seed = 5): Required<TrajectorySet> {
  const rng = createRng(seed);
  const points = steps + 1;
  const data = new Float64Array(count * points * 2);
  const inputs = new Float64Array(count * steps);
  for (let j = 0; j < count; j++) {
    let x = [rng.range(-1, 1), rng.range(-1, 1)];
    for (let t = 0; t < points; t++) {
      data.set(x, (j * points + t) * 2);
      if (t === steps) break;
      const u = rng.range(-1, 1);
      inputs[j * steps + t] = u;
      x = [A[0] * x[0] + A[1] * x[1] + b[0] * u, A[2] * x[0] + A[3] * x[1] + b[1] * u];
    }
  }
  return { d: 2, count, points, data, p: 1, inputs };
}

describe('EDMD with control on a linear system (Ψ = [x; 1])', () => {
  const data = linearControlledData(20, 30);
  const fit = solveEdmd(
    linearDictionary,
    data,
    accumulateEdmd(linearDictionary, data, false),
    null,
    0,
  );

  it('recovers K = blockdiag(A, 1) and B = [b; 0] to 1e-10', () => {
    const K = [A[0], A[1], 0, A[2], A[3], 0, 0, 0, 1];
    K.forEach((v, k) => expect(Math.abs(fit.K[k] - v)).toBeLessThan(1e-10));
    [b[0], b[1], 0].forEach((v, k) => expect(Math.abs(fit.B[k] - v)).toBeLessThan(1e-10));
    expect(fit.solveMethod).toBe('cholesky');
  });

  it('reads out x = C Ψ(x) exactly: C = [I 0]', () => {
    [1, 0, 0, 0, 1, 0].forEach((v, k) => expect(Math.abs(fit.C[k] - v)).toBeLessThan(1e-10));
    // CB = b: the RNN's input map.
    expect(Math.abs(fit.CB[0] - b[0])).toBeLessThan(1e-10);
    expect(Math.abs(fit.CB[1] - b[1])).toBeLessThan(1e-10);
  });

  it('both rollouts reproduce fresh trajectories under a new input; B = 0 does not', () => {
    const test = linearControlledData(3, 40, 99);
    const starts = new Float64Array(6);
    for (let j = 0; j < 3; j++) starts.set(test.data.subarray(j * 41 * 2, j * 41 * 2 + 2), j * 2);
    const u = test.inputs.subarray(0, 40); // the first test trajectory's input, used for all three
    const truth = new Float64Array(3 * 41 * 2);
    for (let j = 0; j < 3; j++) {
      let x = [starts[2 * j], starts[2 * j + 1]];
      for (let t = 0; t <= 40; t++) {
        truth.set(x, (j * 41 + t) * 2);
        x = [A[0] * x[0] + A[1] * x[1] + b[0] * u[t], A[2] * x[0] + A[3] * x[1] + b[1] * u[t]];
      }
    }
    const box = { mean: new Float64Array(2), halfWidth: new Float64Array([1e6, 1e6]) };
    const drive = { CB: fit.CB, p: 1, u };
    const relift = rolloutRelift(linearDictionary, fit.CK, starts, 2, 40, box, drive);
    const lin = rolloutLinear(linearDictionary, fit, starts, 40, box, u);
    const noB = rolloutRelift(linearDictionary, fit.CK, starts, 2, 40, box);
    let maxErr = 0;
    let noBErr = 0;
    for (let k = 0; k < truth.length; k++) {
      maxErr = Math.max(maxErr, Math.abs(relift.x[k] - truth[k]), Math.abs(lin.x[k] - truth[k]));
      noBErr = Math.max(noBErr, Math.abs(noB.x[k] - truth[k]));
    }
    expect(maxErr).toBeLessThan(1e-9);
    expect(noBErr).toBeGreaterThan(0.05);
  });

  it('a forecast that leaves the blow-up box stops there and is NaN afterwards', () => {
    const starts = Float64Array.of(1, 1);
    const u = new Float64Array(200).fill(1);
    const box = { mean: new Float64Array(2), halfWidth: Float64Array.of(5, 5) };
    const r = rolloutLinear(linearDictionary, fit, starts, 200, box, u);
    expect(r.divergedAt[0]).toBeGreaterThan(0);
    expect(r.divergedReason[0]).toBe('blowup');
    expect(Number.isNaN(r.x[2 * 200])).toBe(true);
    expect(Number.isFinite(r.x[2 * (r.divergedAt[0] - 1)])).toBe(true);
  });
});
