import type { RunResult } from '../run/result';
import { circleCounts, growthWarning } from './plots/spectrumData';

/** The engine's growing-eigenvalue line (strict 1e-9 count); the page replaces it. */
const ENGINE_UNSTABLE = /^\d+ eigenvalues? with \|λ\| > 1: (.*) grows along them$/;

/**
 * The run's warnings as the page shows them, the one list the status line counts too. The engine's
 * growing-eigenvalue line is recomputed with the spectrum plot's tolerance (ON_CIRCLE_TOL), so an
 * eigenvalue on the unit circle is never called unstable. Divergences are summarised once, by the
 * engine's line per rollout (test starts numbered from 1, as on the slider).
 */
export function warningItems(r: RunResult): string[] {
  const items: string[] = [];
  for (const w of r.warnings) {
    const m = ENGINE_UNSTABLE.exec(w);
    if (m) items.push(...growthWarning(circleCounts(r.eigenvalues.re, r.eigenvalues.im), m[1]));
    else items.push(w);
  }
  return items;
}
