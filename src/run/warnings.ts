/**
 * The warnings every family shares, in plain words with the fix they suggest: a truncated
 * spectrum, a singular Gram matrix, growing eigenvalues, stopped forecasts. Test starts are
 * numbered from 1, as on the page.
 */
import type { EdmdFit } from '../method/edmd';
import type { Divergence } from '../method/rollout';

/** POD truncation and solve fallbacks of a fit. */
export function fitWarnings(fit: EdmdFit): string[] {
  const w: string[] = [];
  if (fit.r < fit.m)
    w.push(
      `spectrum and linear rollout use K projected onto its ${fit.r} leading POD directions (M+1 = ${fit.m})`,
    );
  w.push(...podWarning(fit.podResidual));
  if (fit.solveMethod !== 'cholesky')
    w.push(`the Gram matrix was numerically singular: solved by ${fit.solveMethod} (raise reg)`);
  return w;
}

/** Eigenvalues outside the unit circle: `what` grows along them. */
export function unstableWarning(unstable: number, what: string): string[] {
  if (unstable === 0) return [];
  return [
    `${unstable} eigenvalue${unstable > 1 ? 's' : ''} with |λ| > 1: ${what} grows along them`,
  ];
}

/** One line per rollout with stopped forecasts: how many, why, and the first one (1-based). */
export function divergenceWarnings(
  divergences: Divergence[],
  count: number,
  dt: number,
  labels: { relift: string; linear: string },
): string[] {
  const w: string[] = [];
  for (const name of ['relift', 'linear'] as const) {
    const ds = divergences.filter((d) => d.rollout === name);
    if (ds.length === 0) continue;
    const first = ds.reduce((a, b) => (b.step < a.step ? b : a));
    w.push(
      `${ds.length} of ${count} ${labels[name]} forecasts diverged (${first.reason === 'nan' ? 'NaN/Inf' : 'blow-up'}); first at step ${first.step} (t = ${+(first.step * dt).toPrecision(6)}) in test ${first.testIndex + 1}`,
    );
  }
  return w;
}

/** Test starts whose forecast never crossed ε: the VPT shown is a lower bound. */
export function censoredWarning(
  censored: number,
  count: number,
  eps: number,
  horizon: number,
): string[] {
  if (censored === 0) return [];
  return [
    `${censored} of ${count} test starts never exceeded ε = ${eps} within the horizon of ${horizon} steps: VPT is a lower bound (≥); raise the horizon to measure it`,
  ];
}

/** A POD basis that does not span G's leading eigenvectors closely. */
export function podWarning(residual: number | null): string[] {
  if (residual === null || residual <= 1e-8) return [];
  return [
    `the POD basis of the truncated spectrum is approximate (residual ${residual.toExponential(1)}): eigenvalues may be off; raise rank or lower width`,
  ];
}
