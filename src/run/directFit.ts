/**
 * Ablation "EDMD vs direct regression" (issue 13): the sampled network's one-step map fitted in one
 * least-squares problem, x_{t+1} ≈ C_direct ψ(x_t) with
 *   C_direct = (Σ_k x_{k+1} ψ(x_k)ᵀ)(G + λI)⁻¹   (d×m, G = Σ ψψᵀ, λ = λ_rel·trace(G)/m),
 * instead of EDMD's two (K = A(G+λI)⁻¹, then C = (Σ x ψᵀ)(G+λI)⁻¹ and the RNN's map C·K). The
 * feature sums already hold Σ x_{k+1} ψ(x_k)ᵀ (EdmdSums.yz), so the extra cost is one solve with
 * d right-hand sides. The same data, hidden layer (same seed and streams as runPipeline), test
 * starts, re-lifted free-running forecasts and scoring as the sampled run. Free systems only.
 */
import { accumulateEdmd } from '../method/edmd';
import { oneStepMse, scoreForecasts } from '../method/metrics';
import { rolloutRelift } from '../method/rollout';
import { samplerOf } from '../method/sampling';
import { layerDictionary } from '../method/sampling/hiddenLayer';
import { createRng } from '../numerics/rng';
import { factorSpd } from '../numerics/spdSolver';
import { trueTrajectories } from '../sources/dataset';
import { simulatedData } from './families/simulated';
import { familyOf, referenceFactFor } from './registry';
import type { RunConfig } from './schema';

export interface DirectFitResult {
  /** Wall time of sample + features + the one solve (ms). */
  trainMs: number;
  testMse: number;
  rolloutMse: number | null;
  vpt: number;
  vptLyapunov: number | null;
  diverged: number;
  solveMethod: string;
}

export function directFit(config: RunConfig): DirectFitResult {
  if (familyOf(config.sys) !== 'free')
    throw new RangeError(`the direct-regression ablation needs a free system, not '${config.sys}'`);
  const rng = createRng(config.seed);
  const streams = { data: rng.fork(), sample: rng.fork() };
  const data = simulatedData(config, streams.data);
  const t0 = performance.now();
  const layer = samplerOf(config.sampler).sample(data, config.width, config.act, streams.sample);
  const dict = layerDictionary(layer);
  const sums = accumulateEdmd(dict, data.train, true); // no cross term A: K is not needed
  const { d, m } = sums;
  let trace = 0;
  for (let i = 0; i < m; i++) trace += sums.G[i * m + i];
  const G = Float64Array.from(sums.G);
  for (let i = 0; i < m; i++) G[i * m + i] += config.reg * (trace / m);
  const solver = factorSpd(G, m);
  const C = solver.solveRight(sums.yz, d);
  const trainMs = performance.now() - t0;
  const H = config.horizon;
  const truth = trueTrajectories(data.spec, data.params, data.testStarts, null, H, config.dt);
  const out = rolloutRelift(dict, C, data.testStarts, d, H, data.box);
  const scale = Math.sqrt(data.std.reduce((s, v) => s + v * v, 0));
  const s = scoreForecasts(truth, out, out, {
    horizon: H,
    scale: config.errnorm === 'component' ? data.std : scale,
    eps: config.eps,
    dt: config.dt,
  }).relift;
  const fact = referenceFactFor(config);
  const lyap = data.spec.chaotic && fact?.lyapunov ? fact.lyapunov : null;
  return {
    trainMs,
    testMse: oneStepMse(dict, C, truth, Infinity),
    rolloutMse: s.mse.total,
    vpt: s.vpt,
    vptLyapunov: lyap === null ? null : s.vpt * lyap,
    diverged: out.divergedAt.reduce((n, v) => n + (v >= 0 ? 1 : 0), 0),
    solveMethod: solver.method,
  };
}
