/**
 * Parsing and canonical serialisation of run configurations as query strings ("sys=lorenz&width=1000").
 * One parser for the URL (lenient: fall back or clamp, and report each change) and the CLI (strict:
 * the first problem is an error naming the field and its allowed range). NaN never gets through.
 */
import {
  FIELD_BY_KEY,
  FIELDS,
  LIMITS,
  SCHEMA_VERSION,
  allowedRange,
  defaultConfig,
  fieldApplies,
  type Field,
  type RunConfig,
} from './schema';

/** One thing the parser changed or rejected, in words a user can act on. */
export interface Notice {
  key: string;
  message: string;
}

export interface ParseResult {
  config: RunConfig;
  /** Lenient mode: every value that was ignored, clamped or replaced by its default. */
  notices: Notice[];
  /** Strict mode: problems that make the query unusable (empty in lenient mode). */
  errors: Notice[];
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
          throw new Notice_(
            'query',
            `malformed percent-encoding in '${printable(part)}' (use key=value pairs joined by &)`,
          );
        }
      };
      return [dec(rawK).trim(), dec(rawV).trim()] as [string, string];
    });
}

class Notice_ extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
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
 * Parses a query string into a RunConfig.
 * - strict (CLI): unknown keys, repeated keys, malformed or out-of-range values are errors.
 * - lenient (URL): unknown keys are ignored with a notice; invalid values fall back to the default,
 *   out-of-range numbers are clamped; repeated keys keep the first value. Never throws.
 */
export function parseQuery(query: string, mode: 'strict' | 'lenient'): ParseResult {
  const notices: Notice[] = [];
  const errors: Notice[] = [];
  const problem = (key: string, message: string) =>
    (mode === 'strict' ? errors : notices).push({ key, message });

  let pairs: Array<[string, string]>;
  try {
    pairs = splitQuery(query);
  } catch (e) {
    problem('query', (e as Error).message);
    return { config: defaultConfig(), notices, errors };
  }

  const raw = new Map<string, string>();
  for (const [k, v] of pairs) {
    if (PAGE_KEYS.has(k)) continue;
    if (k === 'v') {
      if (v !== String(SCHEMA_VERSION))
        problem('v', `v must be ${SCHEMA_VERSION}, got '${printable(v)}'`);
      continue;
    }
    if (!FIELD_BY_KEY[k]) {
      problem(
        k,
        `unknown key '${printable(k)}' ignored (known: ${FIELDS.map((f) => f.key).join(', ')})`,
      );
      continue;
    }
    if (raw.has(k)) {
      problem(k, `${k} given more than once; the first value '${printable(raw.get(k)!)}' is used`);
      continue;
    }
    raw.set(k, v);
  }

  let sys = 'vanderpol';
  const sysRaw = raw.get('sys');
  if (sysRaw !== undefined) {
    const r = parseValue(FIELD_BY_KEY.sys, sysRaw);
    if (r.ok) sys = r.value as string;
    else problem('sys', `${r.message}; using vanderpol`);
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
      problem(f.key, `${r.message}; clamped to ${r.clamped}`);
    } else {
      problem(f.key, `${r.message}; using the default ${f.default(sys)}`);
    }
  }
  for (const n of crossFieldProblems(config)) {
    problem(n.key, n.message);
    if (mode === 'lenient') config.len = Math.floor(LIMITS.maxTrainPairs / config.ntraj);
  }
  // Strict mode reports problems as errors, not as notices.
  if (mode === 'strict') {
    errors.push(...notices);
    notices.length = 0;
  }
  return { config, notices, errors };
}

/** Constraints between fields (each field alone is already within its bounds). */
export function crossFieldProblems(cfg: RunConfig): Notice[] {
  const out: Notice[] = [];
  const pairs = cfg.ntraj * cfg.len;
  if (pairs > LIMITS.maxTrainPairs) {
    out.push({
      key: 'len',
      message: `ntraj×len = ${pairs} training pairs exceeds ${LIMITS.maxTrainPairs} (${LIMITS.reasonPairs})`,
    });
  }
  return out;
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
    parts.push(`${f.key}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}
