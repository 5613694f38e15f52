/**
 * Eigenvalue helpers for the spectrum plot (pure, unit-tested): continuous-time rates, stability,
 * and the reference angles k·ω·Δt a limit cycle puts on the unit circle (docs/METHOD.md §5).
 */
import { referenceFactFor } from '../../run/registry';
import type { RunConfig } from '../../run/schema';

/**
 * Continuous-time rate ω = log(λ)/Δt with the principal complex logarithm
 * log λ = ln|λ| + i·atan2(Im λ, Re λ): growth = Re ω (1/time), frequency = Im ω (rad/time).
 * λ = 0 gives growth −∞ and frequency 0.
 */
export function continuousRate(
  re: number,
  im: number,
  dt: number,
): { growth: number; freq: number } {
  return { growth: Math.log(Math.hypot(re, im)) / dt, freq: Math.atan2(im, re) / dt };
}

export interface EigenInfo {
  abs: number[];
  /** arg λ in (−π, π] (rad per step). */
  angle: number[];
  growth: number[];
  freq: number[];
}

/** Modulus, angle and continuous-time rates of every eigenvalue. */
export function eigenInfo(re: ArrayLike<number>, im: ArrayLike<number>, dt: number): EigenInfo {
  const n = re.length;
  const out: EigenInfo = { abs: [], angle: [], growth: [], freq: [] };
  for (let k = 0; k < n; k++) {
    const { growth, freq } = continuousRate(re[k], im[k], dt);
    out.abs.push(Math.hypot(re[k], im[k]));
    out.angle.push(Math.atan2(im[k], re[k]));
    out.growth.push(growth);
    out.freq.push(freq);
  }
  return out;
}

/** |λ| above this counts as unstable in the engine (metrics.unstableEigenvalues). */
export const UNSTABLE_TOL = 1e-9;

/**
 * Eigenvalues with ||λ| − 1| ≤ ON_CIRCLE_TOL are "on the unit circle": a limit cycle's ladder
 * e^{i·k·ω·Δt} is fitted to a few parts in 10⁵, so such an eigenvalue neither grows nor decays on
 * the time scale of a lecture. The plot, the spectrum card and the warning the page shows all use
 * this one tolerance (the UI's, not the engine's strict 1e-9 count).
 */
export const ON_CIRCLE_TOL = 1e-3;
/** The tolerance as the page prints it. */
export const ON_CIRCLE_TEXT = '||λ| − 1| ≤ 10⁻³';

export function isUnstable(re: number, im: number): boolean {
  return Math.hypot(re, im) > 1 + UNSTABLE_TOL;
}

export type CircleClass = 'inside' | 'circle' | 'outside';

/** Inside, on (within ON_CIRCLE_TOL) or outside the unit circle. */
export function circleClass(re: number, im: number): CircleClass {
  const a = Math.hypot(re, im);
  if (Math.abs(a - 1) <= ON_CIRCLE_TOL) return 'circle';
  return a > 1 ? 'outside' : 'inside';
}

export interface CircleCounts {
  inside: number;
  circle: number;
  outside: number;
}

/** How many eigenvalues lie inside, on and outside the unit circle (ON_CIRCLE_TOL). */
export function circleCounts(re: ArrayLike<number>, im: ArrayLike<number>): CircleCounts {
  const c: CircleCounts = { inside: 0, circle: 0, outside: 0 };
  for (let k = 0; k < re.length; k++) c[circleClass(re[k], im[k])]++;
  return c;
}

/**
 * The lecture's warning about growing eigenvalues, with the plot's tolerance: only |λ| beyond
 * 1 + ON_CIRCLE_TOL counts; the ones on the circle are mentioned, not blamed. Empty when none grow.
 */
export function growthWarning(c: CircleCounts, what: string): string[] {
  if (c.outside === 0) return [];
  const on = c.circle
    ? ` (${c.circle} more on the circle, ${ON_CIRCLE_TEXT}: they neither grow nor decay)`
    : '';
  return [
    `${c.outside} eigenvalue${c.outside > 1 ? 's' : ''} outside the unit circle (|λ| > 1 + 10⁻³): ${what} grows along ${c.outside > 1 ? 'them' : 'it'}${on}. Raise reg or lower width.`,
  ];
}

/** Period 2π/|Im ω| of an eigenvalue in time units (∞ for a real one). */
export function period(freq: number): number {
  return freq === 0 ? Infinity : (2 * Math.PI) / Math.abs(freq);
}

export interface ReferenceMark {
  k: number;
  /** k·ω·Δt (rad, not wrapped). */
  angle: number;
  /** The point e^{i·k·ω·Δt} on the unit circle. */
  re: number;
  im: number;
}

/**
 * Where a limit cycle of angular frequency ω puts Koopman eigenvalues: e^{i·k·ω·Δt},
 * k = −kMax..kMax (docs/METHOD.md §5).
 */
export function referenceAngles(omega: number, dt: number, kMax = 5): ReferenceMark[] {
  const out: ReferenceMark[] = [];
  for (let k = -kMax; k <= kMax; k++) {
    const angle = k * omega * dt;
    out.push({ k, angle, re: Math.cos(angle), im: Math.sin(angle) });
  }
  return out;
}

/**
 * The known limit-cycle ω and Lyapunov exponent for this configuration, from the one system
 * registry (free and controlled systems alike; null for measured series or other parameters).
 */
export function referenceFor(config: RunConfig): { omega: number | null; lyapunov: number | null } {
  const fact = referenceFactFor(config);
  return { omega: fact?.omega ?? null, lyapunov: fact?.lyapunov ?? null };
}

/**
 * How far an eigenvalue can be trusted, from its ResDMD residual (METHOD.md §12): below
 * RESIDUAL_TRUSTED its eigenfunction holds on the data to 1 %; above RESIDUAL_HIGH it is probably
 * an artefact of the finite network (a spurious eigenvalue). The spectrum plot fades those, the
 * eigenfunction view lists the words.
 */
export const RESIDUAL_TRUSTED = 0.01;
export const RESIDUAL_HIGH = 0.1;
export type Trust = 'trusted' | 'fair' | 'doubtful';

/** The trust class of a residual (null for NaN: no eigenfunction values on the data). */
export function trustOf(res: number): Trust | null {
  if (!Number.isFinite(res)) return null;
  if (res < RESIDUAL_TRUSTED) return 'trusted';
  return res < RESIDUAL_HIGH ? 'fair' : 'doubtful';
}
