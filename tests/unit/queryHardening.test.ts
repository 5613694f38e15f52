/**
 * The link parser against untrusted links (issues 10 and 16): each cross-field rule carries its
 * own fix and a link that fires two fixes keeps every other field; prototype-named keys are
 * unknown keys; notices are capped at MAX_NOTICES plus one summary; strict messages never say
 * what lenient mode would have done instead.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CROSS_FIELD_RULES,
  MAX_NOTICES,
  crossFieldProblems,
  fixCrossFieldProblems,
  isFieldKey,
  parseQuery,
  serializeQuery,
} from '../../src/run/query';
import { LIMITS } from '../../src/run/fieldDefaults';
import { defaultConfig, FIELDS, type RunConfig } from '../../src/run/schema';

/** The fields whose values differ between two configs. */
function changed(a: RunConfig, b: RunConfig): string[] {
  return FIELDS.map((f) => f.key).filter((k) => a[k] !== b[k]);
}

describe('cross-field rules: check + fix + message, each fix on its own fields', () => {
  it('every rule names the field of its notice among the fields its fix may change', () => {
    for (const rule of CROSS_FIELD_RULES) expect(rule.fields).toContain(rule.key);
  });

  it('a controlled link over the width limit AND the pair limit: both fixed, every other field kept', () => {
    const others = 'seed=7&reg=1e-8&mpch=30&umax=2&goal=point&gx=0.5&gy=-0.25&dt=0.05&ntest=5';
    const link = `sys=duffing&width=2500&ntraj=2000&len=1000&${others}`;
    const r = parseQuery(link, 'lenient');
    expect(r.notices.map((n) => n.key)).toEqual(['width', 'len']);
    expect(r.notices[0].message).toMatch(/width 2500 exceeds 1000 .*; clamped to 1000$/);
    expect(r.notices[1].message).toMatch(
      /2000000 training pairs exceeds 400000 .*; len set to 200$/,
    );
    // The same link with the two bad values already fixed: identical config.
    const ref = parseQuery(`sys=duffing&width=1000&ntraj=2000&len=200&${others}`, 'strict');
    expect(ref.errors).toEqual([]);
    expect(r.config).toEqual(ref.config);
    // Strict: both problems are errors, without the lenient fixes in the words.
    const s = parseQuery(link, 'strict');
    expect(s.errors.map((n) => n.key)).toEqual(['width', 'len']);
    for (const e of s.errors) expect(e.message).not.toMatch(/clamped|set to/);
  });

  it('weather with bad years: only the three years reset, city, variables and model kept', () => {
    const others = 'city=new_york&vars=temp_max,wind&delay=5&width=300&seed=9&reg=1e-6';
    for (const years of [
      'trainfrom=2014&trainto=2012',
      'trainfrom=2012&trainto=2014&testyear=2013',
    ]) {
      const r = parseQuery(`sys=weather&${years}&${others}`, 'lenient');
      expect(r.notices).toHaveLength(1);
      expect(r.notices[0].message).toMatch(/; using the default years$/);
      const ref = parseQuery(`sys=weather&${others}`, 'strict');
      expect(ref.errors).toEqual([]);
      expect(r.config).toEqual(ref.config);
      expect(r.config.city).toBe('new_york');
      expect(r.config.vars).toBe('temp_max,wind');
      expect(r.config.delay).toBe(5);
    }
  });

  it('the pair fix keeps the years of a non-weather link (no rule resets fields it does not own)', () => {
    // Years do not apply to vanderpol, but a config may carry them (e.g. from the store).
    const cfg = { ...defaultConfig('vanderpol'), trainfrom: 2010, ntraj: 1000, len: 1000 };
    const notices = fixCrossFieldProblems(cfg);
    expect(notices.map((n) => n.key)).toEqual(['len']);
    expect(cfg.len).toBe(400);
    expect(cfg.trainfrom).toBe(2010);
    expect(crossFieldProblems(cfg)).toEqual([]);
  });

  it('property: lenient parsing changes only the fields of the rules that fired (300 links)', () => {
    const ownFields = (keys: string[]) =>
      new Set(CROSS_FIELD_RULES.filter((r) => keys.includes(r.key)).flatMap((r) => r.fields));
    const arb = fc.record({
      sys: fc.constantFrom('vanderpol', 'lorenz', 'forcedvdp', 'duffing', 'weather'),
      width: fc.integer({ min: 1, max: LIMITS.maxWidth }),
      ntraj: fc.integer({ min: 1, max: 2000 }),
      len: fc.integer({ min: 2, max: 200_000 }),
      seed: fc.integer({ min: 0, max: 1000 }),
      trainfrom: fc.integer({ min: 2012, max: 2015 }),
      trainto: fc.integer({ min: 2012, max: 2015 }),
      testyear: fc.integer({ min: 2012, max: 2015 }),
    });
    fc.assert(
      fc.property(arb, (v) => {
        const q = Object.entries(v)
          .map(([k, x]) => `${k}=${x}`)
          .join('&');
        const lenient = parseQuery(q, 'lenient');
        // Strict parsing of the same link gives the values as written (plus cross-field errors).
        const asWritten = parseQuery(q, 'strict');
        expect(asWritten.errors.map((e) => e.key)).toEqual(lenient.notices.map((n) => n.key));
        const allowed = ownFields(lenient.notices.map((n) => n.key));
        for (const k of changed(asWritten.config, lenient.config)) expect(allowed).toContain(k);
        expect(crossFieldProblems(lenient.config)).toEqual([]);
      }),
      { numRuns: 300, seed: 16 },
    );
  });
});

describe('prototype-named keys are unknown keys', () => {
  const NAMES = [
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
    'propertyIsEnumerable',
    'toLocaleString',
    '__defineGetter__',
    '__lookupSetter__',
  ];

  it.each(NAMES)('%s: a notice in lenient mode, an error in strict mode', (k) => {
    expect(isFieldKey(k)).toBe(false);
    const lenient = parseQuery(`${k}=1&width=50`, 'lenient');
    expect(lenient.notices.map((n) => n.key)).toEqual([k]);
    expect(lenient.notices[0].message).toMatch(/^unknown key '.*' \(known: .*\); ignored$/);
    expect(lenient.config).toEqual({ ...defaultConfig(), width: 50 });
    const strict = parseQuery(`${k}=1`, 'strict');
    expect(strict.errors).toHaveLength(1);
    expect(strict.errors[0].message).toMatch(/^unknown key/);
    expect(strict.errors[0].message).not.toMatch(/ignored/);
  });

  it('leaves Object.prototype alone and serialises no prototype key', () => {
    const r = parseQuery('__proto__=1&constructor=2&toString=3&sys=lorenz', 'lenient');
    expect(Object.getPrototypeOf(r.config)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof ({} as { toString: unknown }).toString).toBe('function');
    expect(serializeQuery(r.config)).toBe('v=2&sys=lorenz');
  });
});

describe('notices are capped', () => {
  it(`20 000 unknown keys: ${MAX_NOTICES} notices plus one summary, quickly`, () => {
    const q = Array.from({ length: 20_000 }, (_, i) => `junk${i}=${i}`).join('&') + '&width=77';
    const t0 = performance.now();
    const r = parseQuery(q, 'lenient');
    const ms = performance.now() - t0;
    expect(r.notices).toHaveLength(MAX_NOTICES + 1);
    expect(r.notices[MAX_NOTICES]).toEqual({
      key: 'query',
      message: 'and 19980 more problems not listed',
    });
    expect(r.config.width).toBe(77);
    expect(ms).toBeLessThan(1000);
    const s = parseQuery(q, 'strict');
    expect(s.errors).toHaveLength(MAX_NOTICES + 1);
    expect(s.errors[0].message).toMatch(/^unknown key 'junk0'/);
  });

  it('the cap counts every kind of problem, and exactly MAX_NOTICES problems need no summary', () => {
    const bad = (n: number) => Array.from({ length: n }, (_, i) => `zz${i}=1`).join('&');
    expect(parseQuery(bad(MAX_NOTICES), 'lenient').notices).toHaveLength(MAX_NOTICES);
    const r = parseQuery(`${bad(MAX_NOTICES)}&width=abc&seed=1&seed=2`, 'lenient');
    expect(r.notices).toHaveLength(MAX_NOTICES + 1);
    expect(r.notices[MAX_NOTICES].message).toBe('and 2 more problems not listed');
    expect(r.config.seed).toBe(1);
  });

  it('an old link renaming thousands of keys is capped as well', () => {
    const r = parseQuery(
      'v=0&' + Array.from({ length: 5000 }, () => 'neurons=5').join('&'),
      'lenient',
    );
    expect(r.notices.length).toBeLessThanOrEqual(MAX_NOTICES + 1);
    expect(r.config.width).toBe(5);
  });
});

describe('strict messages say what the CLI does (it refuses), lenient ones what the page does', () => {
  it.each([
    ['width=abc', /; using the default 200$/],
    ['width=0', /; clamped to 1$/],
    ['sys=pendulum', /; using vanderpol$/],
    ['foo=1', /; ignored$/],
    ['seed=1&seed=2', /; the first value '1' is used$/],
    ['sys=duffing&width=2000', /; clamped to 1000$/],
    ['ntraj=2000&len=1000', /; len set to 200$/],
    ['sys=weather&trainfrom=2014&trainto=2013', /; using the default years$/],
    ['%zz=1', /; using the defaults$/],
  ])('%s', (q, lenientTail) => {
    const lenient = parseQuery(q, 'lenient');
    expect(lenient.notices[0].message).toMatch(lenientTail);
    const strict = parseQuery(q, 'strict');
    expect(strict.errors).toHaveLength(1);
    const msg = strict.errors[0].message;
    expect(lenient.notices[0].message.startsWith(msg)).toBe(true);
    expect(msg).not.toMatch(/using|clamped|ignored|is used|read as|set to/);
  });
});
