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

/** |λ| above this counts as unstable (same tolerance as metrics.unstableEigenvalues). */
export const UNSTABLE_TOL = 1e-9;

export function isUnstable(re: number, im: number): boolean {
  return Math.hypot(re, im) > 1 + UNSTABLE_TOL;
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
