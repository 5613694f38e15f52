/**
 * The one registry of what a run can be about: query id → family, label, system spec (simulated
 * systems) and the default settings that suit it. The schema, the run, the hosts and the UI all
 * read this; adding a system is one spec file and one line here (docs/ARCHITECTURE.md).
 */
import { referenceFact, SYSTEM_SPECS } from '../sources/systems';
import type { ReferenceFact, SystemSpec } from '../sources/systems/types';
import { SERIES_DEFAULTS, SERIES_LABELS, SERIES_IDS } from './series/sources';

/** free: x' = f(x); controlled: x' = f(x, u) with p ≥ 1 inputs; series: measured data. */
export type Family = 'free' | 'controlled' | 'series';

export interface RegistryEntry {
  id: string;
  family: Family;
  label: string;
  /** The simulated system (null for measured series). */
  spec: SystemSpec | null;
  /** Defaults of the shared settings for this entry (query key → value). */
  defaults: Record<string, number>;
}

const ENTRIES: RegistryEntry[] = [
  ...SYSTEM_SPECS.map((s): RegistryEntry => ({
    id: s.id,
    family: s.inputs > 0 ? 'controlled' : 'free',
    label: s.label,
    spec: s,
    defaults: s.defaults,
  })),
  ...SERIES_IDS.map((id): RegistryEntry => ({
    id,
    family: 'series',
    label: SERIES_LABELS[id],
    spec: null,
    defaults: SERIES_DEFAULTS[id],
  })),
];

/** Free systems first, then controlled ones, then measured series (the menu's order). */
const FAMILY_ORDER: Family[] = ['free', 'controlled', 'series'];

export const REGISTRY: Record<string, RegistryEntry> = Object.fromEntries(
  FAMILY_ORDER.flatMap((f) => ENTRIES.filter((e) => e.family === f)).map((e) => [e.id, e]),
);

/** Every id, in menu order. */
export const REGISTRY_IDS = Object.keys(REGISTRY);

/** Whether `sys` names an entry (an own key: 'constructor' or '__proto__' are not systems). */
export function isRegistered(sys: string): boolean {
  return Object.prototype.hasOwnProperty.call(REGISTRY, sys);
}

export function entryOf(sys: string): RegistryEntry {
  if (!isRegistered(sys))
    throw new RangeError(`unknown system '${sys}' (one of ${REGISTRY_IDS.join(', ')})`);
  return REGISTRY[sys];
}

export function familyOf(sys: string): Family {
  return entryOf(sys).family;
}

/** The ids of one family, in menu order. */
export function idsOf(family: Family): string[] {
  return REGISTRY_IDS.filter((id) => REGISTRY[id].family === family);
}

/**
 * The reference fact (limit-cycle ω, Lyapunov exponent, …) of a configuration's system at its
 * parameter values, or null (measured series, unknown parameter values).
 */
export function referenceFactFor(config: Record<string, number | string>): ReferenceFact | null {
  const spec = entryOf(String(config.sys)).spec;
  if (!spec) return null;
  const params = Object.fromEntries(spec.params.map((p) => [p.key, Number(config[p.key])]));
  return referenceFact(spec, params);
}
