/**
 * The stage cache of a run (after squoosh's staged processing): each stage's output is kept under
 * a key made of the values of the settings it reads and the key of the stage it builds on, so a
 * new run redoes only the stages whose inputs changed — `reg` refits from the cached features,
 * `eps` reassesses only, `horizon` re-forecasts, `seed`/`width`/`sampler` resample.
 *
 * Memory bound: ONE entry per stage (the latest), i.e. at most the intermediates of one run: the
 * training data (2·N·d doubles and 2·N pair indices), the Gram sums (≈ 2·(M+1+p)² doubles), the POD
 * projection ((M+1)·r + 2r²), the fit (≈ (M+1)² + 4d(M+1)), the forecasts (≤ 12·count·(H+1)·d) and
 * the assessment (≈ 2·count·(H+1)). At the limits (width 3000, 400 000 pairs) that is ≈ 0.25 GB,
 * the same order as the run itself. Stage outputs are never mutated after they are stored.
 */
export type StageName =
  'data' | 'sample' | 'features' | 'project' | 'solve' | 'spectrum' | 'forecast' | 'assess';

export interface StageCache {
  /** The stored output of `stage` if it was computed under `key`. */
  get(stage: StageName, key: string): unknown;
  set(stage: StageName, key: string, value: unknown): void;
  clear(): void;
  /** Number of stored entries (≤ STAGES.length). */
  size(): number;
}

export function createStageCache(): StageCache {
  const entries = new Map<StageName, { key: string; value: unknown }>();
  return {
    get: (stage, key) => {
      const e = entries.get(stage);
      return e && e.key === key ? e.value : undefined;
    },
    set: (stage, key, value) => void entries.set(stage, { key, value }),
    clear: () => entries.clear(),
    size: () => entries.size,
  };
}

/** A stage's key: the key it builds on plus the values of the settings it reads. */
export function stageKey(parent: string, values: readonly unknown[]): string {
  return JSON.stringify([parent, values]);
}

/** FNV-1a 32-bit hash of a text (a data file's identity in the data stage's key). */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}
