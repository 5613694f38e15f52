/** The URL-visible part of the state: one complete RunConfig, always valid field by field. */
import type { StateCreator } from 'zustand';
import { defaultConfig, type RunConfig } from '../run/schema';
import type { Mutators, Store } from './store';

/** Model choices that survive a change of system (everything else resets to its defaults). */
export const KEPT_ON_SYSTEM_CHANGE = ['sampler', 'act', 'seed'] as const;

export interface ConfigSlice {
  config: RunConfig;
  /** Sets one already-validated field (use parseValue first for user input). */
  setField: (key: string, value: number | string) => void;
  /** Switches system: that system's defaults, keeping the model choices. */
  setSystem: (sys: string) => void;
  replaceConfig: (config: RunConfig) => void;
  newSeed: () => void;
}

/** A fresh seed in [0, 2³²): from the browser's CSPRNG, since it is an input, not the model's RNG. */
function randomSeed(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0];
}

export const createConfigSlice: StateCreator<Store, Mutators, [], ConfigSlice> = (set, get) => ({
  config: defaultConfig(),
  setField: (key, value) => {
    if (key === 'sys') return get().setSystem(String(value));
    if (get().config[key] === value) return;
    set((s) => ({ config: { ...s.config, [key]: value } }));
  },
  setSystem: (sys) => {
    const prev = get().config;
    if (prev.sys === sys) return;
    const next = defaultConfig(sys);
    for (const k of KEPT_ON_SYSTEM_CHANGE) next[k] = prev[k] as never;
    set({ config: next });
  },
  replaceConfig: (config) => set({ config }),
  newSeed: () => get().setField('seed', randomSeed()),
});
