import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuery, serializeQuery } from '../../src/run/query';
import { defaultConfig, FIELDS, fieldApplies, type RunConfig } from '../../src/run/schema';

describe('run schema query strings', () => {
  it('defaults serialise to v and sys only', () => {
    expect(serializeQuery(defaultConfig('lorenz'))).toBe('v=2&sys=lorenz');
  });

  it('round-trips every valid configuration (property test, 300 cases)', () => {
    const arb = fc.constantFrom('vanderpol', 'lorenz', 'rossler').chain((sys) => {
      const entries = FIELDS.filter((f) => f.key !== 'sys' && fieldApplies(f, sys)).map((f) => {
        const a =
          f.kind === 'list' || f.kind === 'text'
            ? fc.constant(f.default(sys))
            : f.kind === 'enum'
              ? fc.constantFrom(...f.options)
              : f.kind === 'int'
                ? fc.integer({ min: f.min, max: f.max })
                : fc.double({ min: f.min, max: f.max, noNaN: true, noDefaultInfinity: true });
        return [f.key, a] as const;
      });
      return fc
        .record(Object.fromEntries(entries))
        .map((vals) => ({ ...defaultConfig(sys), ...vals }) as RunConfig);
    });
    fc.assert(
      fc.property(arb, (cfg) => {
        if (cfg.ntraj * cfg.len > 400_000) return; // cross-field limit, tested below
        const q = serializeQuery(cfg);
        const back = parseQuery(q, 'strict');
        expect(back.errors).toEqual([]);
        expect(back.config).toEqual(cfg);
        expect(serializeQuery(back.config)).toBe(q);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it.each([
    ['sys=pendulum', /sys must be one of vanderpol, lorenz, rossler/],
    ['width=0', /width must be an integer in \[1, 3000\]/],
    ['width=10000000', /width must be an integer in \[1, 3000\].*Gram matrix/],
    ['reg=-1', /reg must be a number in \[0, 1\]/],
    ['dt=NaN', /dt must be a number in \[0.001, 1\], got 'NaN'/],
    ['width=10&width=20', /width given more than once/],
    ['%ff%fe=%zz', /malformed percent-encoding/],
    ['\u0000\u00ff=1', /unknown key '\\u0000\\u00ff'/],
    ['width=1.5', /width must be an integer/],
    ['dt=', /dt must be a number/],
    ['ntraj=2000&len=1000', /training pairs exceeds 400000/],
  ])('strict mode rejects %s with a message naming the field', (q, re) => {
    const r = parseQuery(q, 'strict');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0].message).toMatch(re);
  });

  it('lenient mode clamps, falls back and reports each change', () => {
    const r = parseQuery('sys=lorenz&width=99999&reg=abc&foo=1&seed=3&seed=4', 'lenient');
    expect(r.errors).toEqual([]);
    expect(r.config.width).toBe(3000);
    expect(r.config.reg).toBe(defaultConfig('lorenz').reg);
    expect(r.config.seed).toBe(3);
    expect(r.notices.map((n) => n.key).sort()).toEqual(['foo', 'reg', 'seed', 'width']);
  });

  it('never lets NaN or Infinity into a config (1000 garbage queries)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 20 }), (k, v) => {
        const r = parseQuery(`${encodeURIComponent(k)}=${v}&width=${v}&dt=${v}`, 'lenient');
        for (const f of FIELDS) {
          const x = r.config[f.key];
          if (f.kind === 'list' || f.kind === 'text') expect(typeof x).toBe('string');
          else if (f.kind !== 'enum') {
            expect(Number.isFinite(x)).toBe(true);
            expect(x as number).toBeGreaterThanOrEqual(f.min);
            expect(x as number).toBeLessThanOrEqual(f.max);
          } else expect(f.options).toContain(x);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
