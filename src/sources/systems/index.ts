/**
 * Every simulated system, free (p = 0 inputs) and controlled (p ≥ 1), in menu order. Adding a
 * system is writing its spec file and listing it here (docs/ARCHITECTURE.md, "Add a system"); the
 * run registry, the schema's fields, the controls, the CLI help and the README table follow.
 */
import { duffing } from './duffing';
import { forcedVanderpol } from './forcedVanderpol';
import { lorenz } from './lorenz';
import { rossler } from './rossler';
import { stuartLandau } from './stuartLandau';
import type { ReferenceFact, SystemSpec } from './types';
import { vanderpol } from './vanderpol';

export const SYSTEM_SPECS: readonly SystemSpec[] = [
  vanderpol,
  lorenz,
  rossler,
  stuartLandau,
  forcedVanderpol,
  duffing,
];

/** The reference fact whose parameter values match `params` to 1e-9 relative, if any. */
export function referenceFact(
  spec: SystemSpec,
  params: Record<string, number>,
): ReferenceFact | null {
  for (const f of spec.facts) {
    const ok = Object.entries(f.when).every(
      ([k, v]) => Math.abs((params[k] ?? NaN) - v) <= 1e-9 * Math.max(1, Math.abs(v)),
    );
    if (ok) return f;
  }
  return null;
}
