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
