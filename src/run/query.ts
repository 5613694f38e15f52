/**
 * Parsing and canonical serialisation of run configurations as query strings ("sys=lorenz&width=1000").
 * One parser for the URL (lenient: fall back or clamp, and report each change) and the CLI (strict:
 * the first problem is an error naming the field and its allowed range). NaN never gets through.
 *
 * Untrusted input (issue 16): keys are looked up as own properties only (`__proto__`,
 * `constructor`, `toString`… are unknown keys), at most MAX_NOTICES problems are listed plus one
 * "and N more" summary (a link with 20 000 unknown keys gives 21 notices), and strict messages
 * never say what lenient mode would have done instead (the CLI refuses the query).
 */
import { familyOf } from './registry';
import { migratePairs, OLDEST_LINK_VERSION, UNVERSIONED_LINK_VERSION, type Pair } from './migrate';
import {
  FIELD_BY_KEY,
  FIELDS,
  SCHEMA_VERSION,
  allowedRange,
  defaultConfig,
  fieldApplies,
  type Field,
  type ListField,
  type RunConfig,
} from './schema';
import { LIMITS } from './fieldDefaults';

/** One thing the parser changed or rejected, in words a user can act on. */
export interface Notice {
  key: string;
  message: string;
}

export interface ParseResult {
  config: RunConfig;
  /**
   * Lenient mode: every value that was ignored, clamped or replaced by its default (at most
   * MAX_NOTICES, then one summary notice with key 'query'). Both modes: what migrating an old
   * link changed.
   */
  notices: Notice[];
  /** Strict mode: problems that make the query unusable (empty in lenient mode); capped alike. */
  errors: Notice[];
}

/** Problems listed one by one; the rest are counted in one "and N more" notice. */
export const MAX_NOTICES = 20;

/** Keeps the first MAX_NOTICES of a list of notices and replaces the rest by one summary. */
function capNotices(list: Notice[], total = list.length): Notice[] {
  if (total <= MAX_NOTICES) return list;
  const kept = list.slice(0, MAX_NOTICES);
  const more = total - kept.length;
  kept.push({
    key: 'query',
    message: `and ${more} more problem${more === 1 ? '' : 's'} not listed`,
  });
  return kept;
}

/** Whether `k` is a query key of the schema (own properties only: never `constructor` & co.). */
export function isFieldKey(k: string): boolean {
  return Object.hasOwn(FIELD_BY_KEY, k);
}

/** Keys that belong to the page, not to the run (lesson links); the run parser skips them. */
export const PAGE_KEYS = new Set(['hide', 'plots', 'note']);

const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INT_RE = /^[+-]?\d+$/;

/** Splits a query into [key, value] pairs, decoding percent escapes; throws on malformed bytes. */
function splitQuery(query: string): Array<[string, string]> {
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (q.trim() === '') return [];
  return q
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const rawK = eq < 0 ? part : part.slice(0, eq);
      const rawV = eq < 0 ? '' : part.slice(eq + 1);
      const dec = (s: string) => {
        try {
          return decodeURIComponent(s.replace(/\+/g, ' '));
        } catch {
          throw new Error(
            `malformed percent-encoding in '${printable(part)}' (use key=value pairs joined by &)`,
          );
        }
      };
      return [dec(rawK).trim(), dec(rawV).trim()] as [string, string];
    });
}

/** Shows a value safely in a message: control characters escaped, long values cut. */
export function printable(s: string): string {
  const cut = s.length > 40 ? s.slice(0, 40) + '…' : s;
  return cut.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Validates one raw value against its field: the parsed value, or a message saying what is allowed. */
export function parseValue(
  f: Field,
  raw: string,
): { ok: true; value: number | string } | { ok: false; message: string; clamped?: number } {
  const bad = `${f.key} must be ${allowedRange(f)}, got '${printable(raw)}'`;
  if (f.kind === 'list') return parseList(f, raw, bad);
  if (f.kind === 'text') {
    const control = [...raw].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
    return raw.length <= f.maxLength && !control
      ? { ok: true, value: raw }
      : { ok: false, message: bad };
  }
  if (f.kind === 'enum') {
    return f.options.includes(raw) ? { ok: true, value: raw } : { ok: false, message: bad };
  }
  const re = f.kind === 'int' ? INT_RE : FLOAT_RE;
  if (!re.test(raw)) return { ok: false, message: bad };
  const x = Number(raw);
  if (!Number.isFinite(x)) return { ok: false, message: bad };
  if (x < f.min || x > f.max) {
    const clamped = Math.min(f.max, Math.max(f.min, x));
    const why = f.key === 'width' ? ` (${LIMITS.reasonWidth})` : '';
    return { ok: false, message: `${bad}${why}`, clamped };
  }
  return { ok: true, value: x };
}

/**
 * A comma list: items trimmed, none empty or repeated, at most maxItems; fixed options are stored
 * in option order (so one set has one spelling), free names in the order given. An empty list is
 * allowed only for free names (it means "all").
 */
function parseList(
  f: ListField,
  raw: string,
  bad: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const items = raw === '' ? [] : raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === '') || new Set(items).size !== items.length)
    return { ok: false, message: `${bad} (empty or repeated item)` };
  if (items.length > f.maxItems) return { ok: false, message: bad };
  if (!f.options) return { ok: true, value: items.join(',') };
  if (items.length === 0 || items.some((s) => !f.options!.includes(s)))
    return { ok: false, message: bad };
  return { ok: true, value: f.options.filter((o) => items.includes(o)).join(',') };
}

/**
 * Parses a query string into a RunConfig.
 * - strict (CLI): unknown keys, repeated keys, malformed or out-of-range values are errors.
 * - lenient (URL): unknown keys are ignored with a notice; invalid values fall back to the default,
 *   out-of-range numbers are clamped; repeated keys keep the first value. Never throws.
 * Both modes first bring links of an older `v` to the current schema (src/run/migrate.ts) and
 * list what that changed in `notices` (information, never an error).
 */
export function parseQuery(query: string, mode: 'strict' | 'lenient'): ParseResult {
  const lenient = mode === 'lenient';
  // Problems in arrival order, the first MAX_NOTICES kept; `count` counts all of them.
  const kept: Notice[] = [];
  let count = 0;
  /** Records a problem; `fallback` says what lenient mode does about it (strict mode refuses). */
  const problem = (key: string, message: string, fallback = '') => {
    count++;
    if (kept.length < MAX_NOTICES)
      kept.push({ key, message: lenient ? message + fallback : message });
  };
  // Migration notes are information in both modes and come first.
  const finish = (config: RunConfig, migrated: Notice[]): ParseResult =>
    lenient
      ? { config, notices: capNotices([...migrated, ...kept], migrated.length + count), errors: [] }
      : { config, notices: capNotices(migrated), errors: capNotices(kept, count) };

  let pairs: Pair[];
  try {
    pairs = splitQuery(query);
  } catch (e) {
    problem('query', (e as Error).message, '; using the defaults');
    return finish(defaultConfig(), []);
  }

  // Old links are rewritten to the current schema first; what changed is reported, not an error.
  const migrated: Notice[] = [];
  const version = linkVersion(pairs, problem);
  if (version < SCHEMA_VERSION) {
    const m = migratePairs(pairs, version);
    pairs = m.pairs;
    for (const c of m.changes) migrated.push({ key: 'v', message: `old link updated: ${c}` });
  }

  const known = FIELDS.map((f) => f.key).join(', ');
  const raw = new Map<string, string>();
  for (const [k, v] of pairs) {
    if (PAGE_KEYS.has(k) || k === 'v') continue;
    if (!isFieldKey(k)) {
      if (count < MAX_NOTICES)
        problem(k, `unknown key '${printable(k)}' (known: ${known})`, '; ignored');
      else count++;
      continue;
    }
    if (raw.has(k)) {
      const first = printable(raw.get(k)!);
      problem(k, `${k} given more than once`, `; the first value '${first}' is used`);
    } else raw.set(k, v);
  }

  let sys = 'vanderpol';
  const sysRaw = raw.get('sys');
  if (sysRaw !== undefined) {
    const r = parseValue(FIELD_BY_KEY.sys, sysRaw);
    if (r.ok) sys = r.value as string;
    else problem('sys', r.message, '; using vanderpol');
  }
  const config = defaultConfig(sys);
  for (const f of FIELDS) {
    if (f.key === 'sys') continue;
    const v = raw.get(f.key);
    if (v === undefined) continue;
    const r = parseValue(f, v);
    if (r.ok) {
      config[f.key] = r.value;
    } else if (r.clamped !== undefined) {
      config[f.key] = r.clamped;
      problem(f.key, r.message, `; clamped to ${r.clamped}`);
    } else {
      problem(f.key, r.message, `; using the default ${f.default(sys)}`);
    }
  }
  // Every broken cross-field rule is reported; in lenient mode each one's own fix is applied.
  for (const { rule, message } of brokenRules(config)) {
    const done = lenient ? applyFix(rule, config) : '';
    problem(rule.key, message, done);
  }
  return finish(config, migrated);
}

/**
 * The version a link was written in: its first `v` (a missing `v` means UNVERSIONED_LINK_VERSION).
 * A malformed or unknown version is reported and read as the current one.
 */
function linkVersion(
  pairs: Pair[],
  problem: (key: string, message: string, fallback?: string) => void,
): number {
  const given = pairs.filter(([k]) => k === 'v').map(([, v]) => v);
  if (given.length === 0) return UNVERSIONED_LINK_VERSION;
  const raw = given[0];
  // Strict mode (the CLI) refuses: its message has no lenient tail saying what the page does.
  if (given.length > 1)
    problem('v', 'v given more than once', `; the first value '${printable(raw)}' is used`);
  const n = INT_RE.test(raw) ? Number(raw) : NaN;
  if (n >= OLDEST_LINK_VERSION && n <= SCHEMA_VERSION) return n === 0 ? 0 : n;
  problem(
    'v',
    n > SCHEMA_VERSION
      ? `v=${printable(raw)} is a link from a newer version of the lab (this one reads up to v=${SCHEMA_VERSION})`
      : `v must be a link version from ${OLDEST_LINK_VERSION} to ${SCHEMA_VERSION}, got '${printable(raw)}'`,
    `; read as v=${SCHEMA_VERSION}`,
  );
  return SCHEMA_VERSION;
}

const YEAR_KEYS = ['trainfrom', 'trainto', 'testyear'] as const;

/**
 * One constraint between fields (each field alone is already within its bounds): the check, the
 * message, and the fix lenient mode applies. A fix changes only the rule's own `fields`, so a
 * link that breaks two rules at once keeps every other field as given.
 */
export interface CrossFieldRule {
  /** The field a user should change (the notice's key). */
  key: string;
  /** The fields the fix may change (applyFix writes no other). */
  fields: readonly string[];
  /** The problem in words, or null when the rule holds or does not apply to cfg.sys. */
  check(cfg: RunConfig): string | null;
  /** The lenient fix: new values for (some of) `fields`, and what was done, as "; …". */
  fix(cfg: RunConfig): { values: Record<string, number | string>; done: string };
}

const defaultYears = (cfg: RunConfig) => ({
  values: Object.fromEntries(
    YEAR_KEYS.map((k) => [k, Number(FIELD_BY_KEY[k].default(cfg.sys))] as const),
  ),
  done: '; using the default years',
});

/** Free and controlled systems (the measured series have no ntraj, len). */
const simulated = (cfg: RunConfig) => fieldApplies(FIELD_BY_KEY.len, cfg.sys);

export const CROSS_FIELD_RULES: readonly CrossFieldRule[] = [
  {
    key: 'trainto',
    fields: YEAR_KEYS,
    check: (cfg) =>
      cfg.sys === 'weather' && cfg.trainfrom > cfg.trainto
        ? `trainto ${cfg.trainto} is before trainfrom ${cfg.trainfrom}`
        : null,
    fix: defaultYears,
  },
  {
    key: 'testyear',
    fields: YEAR_KEYS,
    check: (cfg) =>
      cfg.sys === 'weather' &&
      cfg.trainfrom <= cfg.trainto &&
      cfg.testyear >= cfg.trainfrom &&
      cfg.testyear <= cfg.trainto
        ? `testyear ${cfg.testyear} must not be one of the training years ${cfg.trainfrom}–${cfg.trainto}`
        : null,
    fix: defaultYears,
  },
  {
    key: 'width',
    fields: ['width'],
    check: (cfg) =>
      simulated(cfg) && familyOf(cfg.sys) === 'controlled' && cfg.width > LIMITS.maxControlledWidth
        ? `width ${cfg.width} exceeds ${LIMITS.maxControlledWidth} for a controlled system (${LIMITS.reasonControlledWidth})`
        : null,
    fix: () => ({
      values: { width: LIMITS.maxControlledWidth },
      done: `; clamped to ${LIMITS.maxControlledWidth}`,
    }),
  },
  {
    key: 'len',
    fields: ['len'],
    check: (cfg) =>
      simulated(cfg) && cfg.ntraj * cfg.len > LIMITS.maxTrainPairs
        ? `ntraj×len = ${cfg.ntraj * cfg.len} training pairs exceeds ${LIMITS.maxTrainPairs} (${LIMITS.reasonPairs})`
        : null,
    fix: (cfg) => {
      const len = Math.floor(LIMITS.maxTrainPairs / cfg.ntraj);
      return { values: { len }, done: `; len set to ${len}` };
    },
  },
];

/** The rules a config breaks, each with its message, in rule order. */
function brokenRules(cfg: RunConfig): Array<{ rule: CrossFieldRule; message: string }> {
  const out: Array<{ rule: CrossFieldRule; message: string }> = [];
  for (const rule of CROSS_FIELD_RULES) {
    const message = rule.check(cfg);
    if (message !== null) out.push({ rule, message });
  }
  return out;
}

/** Applies one rule's fix to cfg in place, writing only the rule's fields; returns its "; …". */
function applyFix(rule: CrossFieldRule, cfg: RunConfig): string {
  const { values, done } = rule.fix(cfg);
  for (const k of rule.fields) if (Object.hasOwn(values, k)) cfg[k] = values[k];
  return done;
}

/** Constraints between fields (each field alone is already within its bounds). */
export function crossFieldProblems(cfg: RunConfig): Notice[] {
  return brokenRules(cfg).map(({ rule, message }) => ({ key: rule.key, message }));
}

/** Applies the fix of every rule cfg breaks, as lenient parsing does (e.g. for sliders). */
export function fixCrossFieldProblems(cfg: RunConfig): Notice[] {
  return brokenRules(cfg).map(({ rule, message }) => ({
    key: rule.key,
    message: message + applyFix(rule, cfg),
  }));
}

/** Validates a RunConfig that did not come from a query (e.g. from the UI or a worker call). */
export function validateConfig(cfg: RunConfig): Notice[] {
  const out: Notice[] = [];
  for (const f of FIELDS) {
    if (!fieldApplies(f, cfg.sys) && f.systems) continue;
    const r = parseValue(f, String(cfg[f.key]));
    if (!r.ok) out.push({ key: f.key, message: r.message });
  }
  return out.length ? out : crossFieldProblems(cfg);
}

/**
 * Canonical query: `v` first, then every field that applies to the system and differs from its
 * default, in schema order; `sys` always. Numbers in JavaScript's shortest round-trip form.
 */
export function serializeQuery(cfg: RunConfig): string {
  const parts = [`v=${SCHEMA_VERSION}`, `sys=${cfg.sys}`];
  for (const f of FIELDS) {
    if (f.key === 'sys' || !fieldApplies(f, cfg.sys)) continue;
    const v = cfg[f.key];
    if (v === f.default(cfg.sys)) continue;
    // List items keep their commas readable: cols=x,y rather than cols=x%2Cy.
    const text =
      f.kind === 'list'
        ? String(v).split(',').map(encodeURIComponent).join(',')
        : encodeURIComponent(String(v));
    parts.push(`${f.key}=${text}`);
  }
  return parts.join('&');
}
