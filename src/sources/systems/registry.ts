import { lorenz } from './lorenz';
import { rossler } from './rossler';
import type { ReferenceFact, SystemSpec } from './types';
import { vanderpol } from './vanderpol';

/** All simulated systems, by query id. Add a system: write its spec file and list it here. */
export const SYSTEMS: Record<string, SystemSpec> = { vanderpol, lorenz, rossler };
export const SYSTEM_IDS = Object.keys(SYSTEMS);

export function getSystem(id: string): SystemSpec {
  const s = SYSTEMS[id];
  if (!s) throw new RangeError(`unknown system '${id}' (one of ${SYSTEM_IDS.join(', ')})`);
  return s;
}

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
