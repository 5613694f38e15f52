/**
 * The row-major shapes a model file records for the result's arrays (src/run/modelJson.ts writes
 * them into its `arrays` table; readers check every array against them).
 */
import type { RunResult } from './result';

/** Row-major shapes of the known arrays (others are written as vectors). */
export function knownShapes(r: RunResult): Record<string, number[]> {
  const { dim: d, spectrumRank: rank } = r;
  const M = r.model.width;
  const n = r.test.count;
  const steps = r.test.horizon + 1;
  // The model's input may be wider than the state (a delay embedding of measured series).
  const inputs = r.model.W.length / Math.max(1, M);
  const outputs = r.model.C.length / (M + 1);
  return {
    'eigenvalues.re': [r.eigenvalues.re.length],
    'eigenvalues.im': [r.eigenvalues.im.length],
    'eigenvalues.residual': [r.eigenvalues.re.length],
    'trainSample.x': [r.trainSample.rows, d],
    'trainSample.traj': [r.trainSample.rows],
    'model.W': [M, inputs],
    'model.b': [M],
    'model.pairs': [M, 2],
    'model.pairPoints': [M, 2, d],
    'model.K': [rank, rank],
    'model.C': [outputs, M + 1],
    'model.CK': [outputs, M + 1],
    'test.truth': [n, r.test.truth.length / Math.max(1, n * d), d],
    'test.relift': [n, steps, d],
    'test.linear': [n, steps, d],
    'test.errorRelift': [n, steps],
    'test.errorLinear': [n, steps],
    'test.medianErrorRelift': [steps],
    'test.medianErrorLinear': [steps],
    ...(r.control ? controlShapes(r) : {}),
  };
}

/** Shapes of a controlled run's arrays (B, the chosen input's predictions, the closed loop). */
function controlShapes(r: RunResult): Record<string, number[]> {
  const c = r.control!;
  const { dim: d } = r;
  const { count: n, horizon: H } = c.prediction;
  const T = c.closedLoop.steps;
  return {
    'control.B': [r.model.width + 1, c.p],
    'control.CB': [d, c.p],
    'control.prediction.u': [H, c.p],
    'control.prediction.truth': [n, H + 1, d],
    'control.prediction.withB': [n, H + 1, d],
    'control.prediction.noB': [n, H + 1, d],
    'control.prediction.linear': [n, H + 1, d],
    'control.closedLoop.x': [T + 1, d],
    'control.closedLoop.free': [T + 1, d],
    'control.closedLoop.u': [T, c.p],
  };
}
