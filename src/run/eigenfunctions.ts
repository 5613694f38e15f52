/**
 * The Koopman eigenfunctions of a free system's trained model (METHOD.md §5, §12): the leading
 * eigenvalues of K with their ResDMD residuals and, for 2-D systems, each eigenfunction's modulus
 * |φ| and argument arg φ on a grid over the phase plane, plus the phase advance of the principal
 * oscillatory eigenfunction along an orbit on the attractor.
 *
 * - Eigenvalues listed: the `count` leading ones by modulus, a conjugate pair once (im ≥ 0: its
 *   eigenfunctions are complex conjugates, |φ| equal and arg φ mirrored; same residual).
 * - Principal eigenfunction: for a limit cycle the eigenvalues on the unit circle form the lattice
 *   e^{ikωΔt}, and the fundamental (k = 1) is the trustworthy one of smallest positive angle:
 *   among listed eigenvalues with im > 0, |λ| ≥ 0.99 and ResDMD residual < 0.05, the one with the
 *   smallest arg λ (else the im > 0 one of smallest residual). Its arg φ draws the isochrons.
 * - Orbit: the true system from the run's first test start, after a transient of 50 model time
 *   units, for about two periods (reference ω) or 200 steps: per step the advance
 *   arg(φ(x_{t+1}) conj φ(x_t)), to compare with ω·Δt.
 * - Grid: `grid`×`grid` points over the training data's bounding box padded by 5 %; |φ| scaled so
 *   that its maximum on the grid is 1 (φ is defined up to a complex factor).
 *
 * The model comes from runPipeline with the caller's stage cache (in the worker: no refit), and
 * the Gram sums of the residuals from the cached features stage (src/run/pipeline.ts `inspect`).
 * Plain data (typed arrays), so the worker can transfer it.
 */
import {
  eigenfunctionOf,
  evaluateEigenfunctions,
  phaseSteps,
  resdmdResidual,
  type Eigenfunction,
} from '../method/eigenfunctions';
import { residualSums } from '../method/spectrumResiduals';
import { atan2Det } from '../numerics/atanDet';
import { logDet } from '../numerics/logDet';
import { simulate } from '../sources/dataset';
import type { SimulatedData } from './families/simulated';
import { runPipeline, type RunParts } from './pipeline';
import { entryOf, referenceFactFor } from './registry';
import type { RunConfig } from './schema';
import type { StageCache } from './stageCache';

export interface EigenSettings {
  /** Distinct eigenvalues listed (conjugate pairs once), 1…40 (default 12). */
  count?: number;
  /** Grid points per axis, 11…201 (default 81). */
  grid?: number;
}

export interface EigenProgress {
  phase: string;
  fraction: number;
}

export interface EigenOptions extends EigenSettings {
  cache?: StageCache;
  signal?: AbortSignal;
  onProgress?: (p: EigenProgress) => void;
}

/** One listed eigenvalue of K. */
export interface EigenPairInfo {
  /** Position in the run's eigenvalue list (descending modulus). */
  index: number;
  re: number;
  im: number;
  modulus: number;
  /** arg λ (rad per step). */
  angle: number;
  /** Continuous-time growth ln|λ|/Δt and frequency arg λ/Δt (1/model time). */
  growth: number;
  frequency: number;
  /** ResDMD residual sqrt(Σ|φ(y) − λφ(x)|² / Σ|φ(x)|²) on the training pairs (METHOD.md §12). */
  residual: number;
  /** Inverse iteration's ‖(Kᵀ − λ̄I)ξ‖/‖K‖_F (rounding level for an accurate eigenvector). */
  vectorResidual: number;
}

export interface EigenGrid {
  nx: number;
  ny: number;
  /** Grid coordinates of the first and second state component (length nx, ny). */
  x: Float64Array;
  y: Float64Array;
  /** Per listed eigenvalue: |φ| (max 1) and arg φ ∈ (−π, π], ny×nx row-major (y outer). */
  modulus: Float64Array[];
  phase: Float64Array[];
}

export interface EigenOrbit {
  /** States of the true orbit on the attractor, (steps+1)×d. */
  states: Float64Array;
  steps: number;
  /** arg φ of the principal eigenfunction at each state (length steps+1). */
  phase: Float64Array;
  /** Per-step phase advance arg(φ(x_{t+1}) conj φ(x_t)) (rad per step): mean, min and max. */
  advanceMean: number;
  advanceMin: number;
  advanceMax: number;
  /** Root-mean-square of (advance − advanceMean) over the steps (rad per step). */
  advanceRms: number;
  /** ω·Δt from the system's reference facts (rad per step), or null when unknown. */
  omegaDt: number | null;
}

export interface EigenfunctionAnalysis {
  kind: 'eigen';
  sys: string;
  query: string;
  dt: number;
  stateNames: string[];
  /** Order of K (M+1, or r for a rank-r projection). */
  spectrumRank: number;
  pairs: EigenPairInfo[];
  /** Position in `pairs` of the principal oscillatory eigenvalue, or −1 if none is listed. */
  principal: number;
  /** 2-D systems only (null otherwise). */
  grid: EigenGrid | null;
  orbit: EigenOrbit | null;
  timingsMs: { run: number; eigen: number; total: number };
  warnings: string[];
}

const TRANSIENT_TIME = 50;

function intSetting(name: string, v: number | undefined, def: number, lo: number, hi: number) {
  const x = v ?? def;
  if (!Number.isInteger(x) || x < lo || x > hi)
    throw new RangeError(`eigenfunctions: ${name} must be an integer in [${lo}, ${hi}], got ${x}`);
  return x;
}

/** Indices of the `count` leading eigenvalues, conjugate pairs once (the im ≥ 0 member). */
export function leadingDistinct(eig: { re: Float64Array; im: Float64Array }, count: number) {
  const out: number[] = [];
  for (let k = 0; k < eig.re.length && out.length < count; k++) if (eig.im[k] >= 0) out.push(k);
  return out;
}

/** Modulus and residual bounds of the candidates for the fundamental (see the header). */
const ON_CIRCLE = 0.99;
const TRUSTED = 0.05;

/** Position in `pairs` of the fundamental oscillatory eigenvalue, or −1 (see the header). */
export function principalPair(pairs: ReadonlyArray<EigenPairInfo>): number {
  let best = -1;
  pairs.forEach((p, j) => {
    if (p.im > 0 && p.modulus >= ON_CIRCLE && p.residual < TRUSTED)
      if (best < 0 || p.angle < pairs[best].angle) best = j;
  });
  if (best >= 0) return best;
  pairs.forEach((p, j) => {
    if (p.im > 0 && (best < 0 || p.residual < pairs[best].residual)) best = j;
  });
  return best;
}

export function eigenfunctionAnalysis(
  config: RunConfig,
  opts: EigenOptions = {},
): EigenfunctionAnalysis {
  const t0 = performance.now();
  const entry = entryOf(config.sys);
  if (entry.family !== 'free' || !entry.spec)
    throw new RangeError(
      `Koopman eigenfunctions need a simulated free system (sys=${config.sys} is ${entry.family === 'series' ? 'a measured series' : 'a controlled system'})`,
    );
  const count = intSetting('count', opts.count, 12, 1, 40);
  const gridN = intSetting('grid', opts.grid, 81, 11, 201);
  const report = opts.onProgress;
  let parts: RunParts | null = null;
  const result = runPipeline(config, {
    cache: opts.cache,
    signal: opts.signal,
    inspect: (p) => {
      parts = p;
    },
    ...(report ? { onProgress: (p) => report({ phase: p.phase, fraction: p.fraction }) } : {}),
  });
  if (!parts) throw new Error('eigenfunctions: the run ended without its stage outputs');
  const { data, model, sums, proj, fit } = parts as RunParts;
  opts.signal?.throwIfAborted();
  const tRun = performance.now();
  const dt = result.dt;
  const d = result.dim;
  const eig = result.eigenvalues;
  const warnings: string[] = [];
  if (eig.re.length === 0) warnings.push('K has no spectrum (see the run warnings)');

  // The run's own residuals when it has them (one number per eigenvalue on screen), else from the
  // Gram sums in the fit's own coordinates (reduced when r < m).
  const m = sums.m;
  const known = eig.residual;
  const gram = known ? null : residualSums(model.dict, data.train, sums, proj);

  const listed = leadingDistinct(eig, count);
  const fns: Eigenfunction[] = [];
  const pairs: EigenPairInfo[] = [];
  listed.forEach((k, j) => {
    opts.signal?.throwIfAborted();
    const re = eig.re[k];
    const im = eig.im[k];
    const fn = eigenfunctionOf(fit.K, fit.r, fit.Q, m, re, im);
    fns.push(fn);
    const modulus = Math.hypot(re, im);
    const angle = atan2Det(im, re);
    pairs.push({
      index: k,
      re,
      im,
      modulus,
      angle,
      growth: logDet(modulus) / dt,
      frequency: angle / dt,
      residual: known ? known[k] : gram ? resdmdResidual(gram, re, im, fn.zRe, fn.zIm) : NaN,
      vectorResidual: fn.vectorResidual,
    });
    report?.({ phase: 'eigenvectors', fraction: (j + 1) / listed.length });
  });
  const principal = principalPair(pairs);

  let grid: EigenGrid | null = null;
  let orbit: EigenOrbit | null = null;
  if (d === 2 && fns.length > 0) {
    // Bounding box of the training states, padded by 5 %.
    const lo = [Infinity, Infinity];
    const hi = [-Infinity, -Infinity];
    const xs = data.train.data;
    for (let k = 0; k < xs.length; k += 2)
      for (let i = 0; i < 2; i++) {
        lo[i] = Math.min(lo[i], xs[k + i]);
        hi[i] = Math.max(hi[i], xs[k + i]);
      }
    const axes = [0, 1].map((i) => {
      const pad = 0.05 * (hi[i] - lo[i] || 1);
      return Float64Array.from(
        { length: gridN },
        (_, j) => lo[i] - pad + ((hi[i] - lo[i] + 2 * pad) * j) / (gridN - 1),
      );
    });
    const states = new Float64Array(gridN * gridN * 2);
    for (let a = 0; a < gridN; a++)
      for (let b = 0; b < gridN; b++) {
        states[(a * gridN + b) * 2] = axes[0][b];
        states[(a * gridN + b) * 2 + 1] = axes[1][a];
      }
    report?.({ phase: 'grid', fraction: 0 });
    const values = evaluateEigenfunctions(model.dict, fns, states, gridN * gridN);
    const modulus: Float64Array[] = [];
    const phase: Float64Array[] = [];
    for (const v of values) {
      const mod = new Float64Array(gridN * gridN);
      const arg = new Float64Array(gridN * gridN);
      let big = 0;
      for (let q = 0; q < mod.length; q++) {
        mod[q] = Math.hypot(v.re[q], v.im[q]);
        arg[q] = atan2Det(v.im[q], v.re[q]);
        big = Math.max(big, mod[q]);
      }
      if (big > 0) for (let q = 0; q < mod.length; q++) mod[q] /= big;
      modulus.push(mod);
      phase.push(arg);
    }
    grid = { nx: gridN, ny: gridN, x: axes[0], y: axes[1], modulus, phase };
    report?.({ phase: 'grid', fraction: 1 });

    if (principal >= 0) {
      const sim = data as SimulatedData;
      const fact = referenceFactFor(config);
      const omega = fact?.omega ?? null;
      const steps = omega ? Math.ceil((2 * (2 * Math.PI)) / omega / dt) : 200;
      const transient = Math.ceil(TRANSIENT_TIME / dt);
      const run = simulate(
        sim.spec,
        sim.params,
        sim.testStarts.subarray(0, d),
        null,
        0,
        transient + steps,
        dt,
      );
      const onCycle = run.slice(transient * d);
      const [v] = evaluateEigenfunctions(model.dict, [fns[principal]], onCycle, steps + 1);
      const adv = phaseSteps(v.re, v.im);
      let sum = 0;
      let mn = Infinity;
      let mx = -Infinity;
      for (const a of adv) {
        sum += a;
        mn = Math.min(mn, a);
        mx = Math.max(mx, a);
      }
      const mean = sum / adv.length;
      let ss = 0;
      for (const a of adv) ss += (a - mean) ** 2;
      orbit = {
        states: onCycle,
        steps,
        phase: Float64Array.from(v.re, (re, q) => atan2Det(v.im[q], re)),
        advanceMean: mean,
        advanceMin: mn,
        advanceMax: mx,
        advanceRms: Math.sqrt(ss / adv.length),
        omegaDt: omega === null ? null : omega * dt,
      };
    }
  } else if (d !== 2) {
    warnings.push(
      `the eigenfunction maps are drawn for 2-D systems only (${result.stateNames.join(', ')} has ${d} components); the list and residuals are shown`,
    );
  }
  const tEnd = performance.now();
  return {
    kind: 'eigen',
    sys: config.sys,
    query: result.query,
    dt,
    stateNames: result.stateNames,
    spectrumRank: result.spectrumRank,
    pairs,
    principal,
    grid,
    orbit,
    timingsMs: { run: tRun - t0, eigen: tEnd - tRun, total: tEnd - t0 },
    warnings,
  };
}
