/**
 * Link versions. Every canonical link starts with `v=<SCHEMA_VERSION>`; when the schema changes in
 * a way that old links would read differently (a key renamed, an option renamed, a unit changed),
 * SCHEMA_VERSION goes up by one and a step from the old version is added to MIGRATIONS, so that
 * links already handed out keep reproducing the run they were made from.
 *
 * A step rewrites the raw (key, value) pairs of a link, before validation, from its version to the
 * next one; steps chain (v0 → v1 → … → current). Each step reports what it changed in words, and
 * the page lists those changes in its notice area.
 *
 * Links without `v` predate versioning, which started at version 1 (the first published schema):
 * they are read as version 1, not as the current version, so they too go through later steps.
 */
import { SCHEMA_VERSION } from './schema';

/** One raw query pair, decoded, as the link gave it. */
export type Pair = [key: string, value: string];

/** The version of a link that has no `v` key. */
export const UNVERSIONED_LINK_VERSION = 1;

export interface MigrationStep {
  /** The version this step reads; it writes version `from + 1`. */
  from: number;
  /** Rewrites the pairs; `changes` says, one entry per change, what it did. */
  apply(pairs: Pair[]): { pairs: Pair[]; changes: string[] };
}

/**
 * A step that renames keys and, per key, option values. Values of other keys, the order of pairs
 * and repeated keys are kept as they are (validation, which follows, deals with those).
 */
export function renameStep(
  from: number,
  keys: Record<string, string>,
  values: Record<string, Record<string, string>> = {},
): MigrationStep {
  return {
    from,
    apply(pairs) {
      const changes: string[] = [];
      const out = pairs.map(([k, v]): Pair => {
        const key = Object.hasOwn(keys, k) ? keys[k] : k;
        if (key !== k) changes.push(`'${k}' is now called '${key}'`);
        const map = Object.hasOwn(values, key) ? values[key] : undefined;
        const value = map && Object.hasOwn(map, v) ? map[v] : v;
        if (value !== v) changes.push(`${key}=${v} is now ${key}=${value}`);
        return [key, value];
      });
      return { pairs: out, changes };
    },
  };
}

/**
 * Version 0: the draft key names used by the lab's prototype before links were versioned
 * (`system`, `neurons`, `lambda`, `steps`, sampler `rf`). No published link used them; the step
 * is kept as the worked example of a migration and is exercised by tests/unit/migrate.test.ts.
 */
const v0ToV1 = renameStep(
  0,
  { system: 'sys', neurons: 'width', lambda: 'reg', steps: 'horizon' },
  { sampler: { rf: 'random' } },
);

/**
 * Version 1 → 2: Rössler's default number of test starts went from 10 to 20 (issue 14: with 10
 * the median VPT scatters more from seed to seed). Links leave defaults out, so a v1 Rössler link
 * without `ntest` meant 10 and gets `ntest=10` written in; every other link is unchanged.
 */
const v1ToV2: MigrationStep = {
  from: 1,
  apply(pairs) {
    const rossler = pairs.some(([k, v]) => k === 'sys' && v === 'rossler');
    if (!rossler || pairs.some(([k]) => k === 'ntest')) return { pairs, changes: [] };
    return {
      pairs: [...pairs, ['ntest', '10']],
      changes: ["ntest=10 kept (Rössler's default number of test starts is now 20)"],
    };
  },
};

/** Steps by the version they read. Add one here whenever SCHEMA_VERSION goes up. */
export const MIGRATIONS: readonly MigrationStep[] = [v0ToV1, v1ToV2];

/** The oldest link version that can still be read. */
export const OLDEST_LINK_VERSION = Math.min(SCHEMA_VERSION, ...MIGRATIONS.map((m) => m.from));

export interface Migrated {
  pairs: Pair[];
  /** What changed, each prefixed with the step's versions ("v0 → v1: 'neurons' is now …"). */
  changes: string[];
}

/**
 * Brings the pairs of a `from`-version link to the current schema by chaining the steps.
 * `from` must lie in [OLDEST_LINK_VERSION, SCHEMA_VERSION]; the `v` pairs themselves are left
 * to the caller. A missing step is a programming error (thrown), caught by the unit tests.
 */
export function migratePairs(pairs: Pair[], from: number): Migrated {
  if (!Number.isInteger(from) || from < OLDEST_LINK_VERSION || from > SCHEMA_VERSION)
    throw new RangeError(`no migration path from link version ${from}`);
  let current = pairs;
  const changes: string[] = [];
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS.find((m) => m.from === v);
    if (!step) throw new RangeError(`missing migration step from link version ${v}`);
    const r = step.apply(current);
    current = r.pairs;
    changes.push(...r.changes.map((c) => `v${v} → v${v + 1}: ${c}`));
  }
  return { pairs: current, changes };
}
