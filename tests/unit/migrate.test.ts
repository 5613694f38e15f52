import { describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  OLDEST_LINK_VERSION,
  migratePairs,
  renameStep,
  type Pair,
} from '../../src/run/migrate';
import { parseQuery, serializeQuery } from '../../src/run/query';
import { SCHEMA_VERSION, defaultConfig } from '../../src/run/schema';

describe('link versions and migrations', () => {
  it('has a chain of steps from the oldest readable version to the current one', () => {
    for (let v = OLDEST_LINK_VERSION; v < SCHEMA_VERSION; v++)
      expect(MIGRATIONS.filter((m) => m.from === v)).toHaveLength(1);
    expect(() => migratePairs([], SCHEMA_VERSION + 1)).toThrow(RangeError);
  });

  it('renames keys and option values, keeping order, other values and repeats', () => {
    const step = renameStep(0, { neurons: 'width' }, { sampler: { rf: 'random' } });
    const pairs: Pair[] = [
      ['neurons', '50'],
      ['sampler', 'rf'],
      ['seed', '3'],
      ['neurons', '60'],
    ];
    const r = step.apply(pairs);
    expect(r.pairs).toEqual([
      ['width', '50'],
      ['sampler', 'random'],
      ['seed', '3'],
      ['width', '60'],
    ]);
    expect(r.changes).toEqual([
      "'neurons' is now called 'width'",
      'sampler=rf is now sampler=random',
      "'neurons' is now called 'width'",
    ]);
    // Keys that merely look like Object.prototype members are not renamed.
    expect(step.apply([['toString', '1']]).pairs).toEqual([['toString', '1']]);
  });

  it('reads a v0 link as the same run as its v1 form, and says what changed', () => {
    const old = parseQuery(
      'v=0&system=lorenz&neurons=150&lambda=1e-6&sampler=rf&steps=300',
      'lenient',
    );
    const now = parseQuery(
      'v=1&sys=lorenz&width=150&reg=1e-6&sampler=random&horizon=300',
      'lenient',
    );
    expect(old.config).toEqual(now.config);
    expect(serializeQuery(old.config)).toBe(serializeQuery(now.config));
    expect(old.notices.map((n) => n.message)).toEqual([
      "old link updated: v0 → v1: 'system' is now called 'sys'",
      "old link updated: v0 → v1: 'neurons' is now called 'width'",
      "old link updated: v0 → v1: 'lambda' is now called 'reg'",
      'old link updated: v0 → v1: sampler=rf is now sampler=random',
      "old link updated: v0 → v1: 'steps' is now called 'horizon'",
    ]);
    expect(now.notices).toEqual([]);
  });

  it('the CLI (strict mode) accepts old links: migration is information, not an error', () => {
    const r = parseQuery('v=0&neurons=50', 'strict');
    expect(r.errors).toEqual([]);
    expect(r.config.width).toBe(50);
    expect(r.notices).toHaveLength(1);
  });

  it('a link without v is version 1: v0 names are unknown keys there', () => {
    const r = parseQuery('neurons=50&width=70', 'lenient');
    expect(r.config.width).toBe(70);
    expect(r.notices.map((n) => n.key)).toEqual(['neurons']);
    expect(parseQuery('width=70', 'lenient').notices).toEqual([]);
  });

  it.each([
    ['v=abc&width=70', /v must be a link version from 0 to 2, got 'abc'/, '; read as v=2'],
    ['v=99&width=70', /v=99 is a link from a newer version .*reads up to v=2\)/, '; read as v=2'],
    ['v=-1&width=70', /v must be a link version/, '; read as v=2'],
    ['v=1&v=0&width=70', /v given more than once/, "; the first value '1' is used"],
  ])('a bad version %s: the page reads it as said, the strict CLI refuses', (q, re, tail) => {
    const lenient = parseQuery(q, 'lenient');
    expect(lenient.config.width).toBe(70);
    const notice = lenient.notices.map((n) => n.message).join('\n');
    expect(notice).toMatch(re);
    expect(notice.endsWith(tail)).toBe(true);
    const strict = parseQuery(q, 'strict').errors[0].message;
    expect(strict).toMatch(re);
    // Strict mode refuses the link: its message must not claim the link was read anyway.
    expect(strict).not.toContain(tail.trim().slice(2, 10));
  });

  it('v1 → v2: a Rössler link without ntest keeps its 10 test starts, and says so', () => {
    for (const q of ['v=1&sys=rossler&width=120', 'sys=rossler&width=120']) {
      const r = parseQuery(q, 'strict');
      expect(r.errors).toEqual([]);
      expect(r.config.ntest).toBe(10);
      expect(r.notices.map((n) => n.message)).toEqual([
        "old link updated: v1 → v2: ntest=10 kept (Rössler's default number of test starts is now 20)",
      ]);
      expect(serializeQuery(r.config)).toBe('v=2&sys=rossler&ntest=10&width=120');
    }
    // The new default, and links that name ntest or another system, are untouched.
    expect(defaultConfig('rossler').ntest).toBe(20);
    expect(parseQuery('v=2&sys=rossler', 'strict').config.ntest).toBe(20);
    const named = parseQuery('v=1&sys=rossler&ntest=7', 'strict');
    expect(named.config.ntest).toBe(7);
    expect(named.notices).toEqual([]);
    const other = parseQuery('v=1&sys=lorenz', 'strict');
    expect(other.config).toEqual(defaultConfig('lorenz'));
    expect(other.notices).toEqual([]);
  });

  it('a current link is untouched', () => {
    const q = serializeQuery({ ...defaultConfig('rossler'), width: 321 });
    const r = parseQuery(q, 'strict');
    expect(r.errors).toEqual([]);
    expect(r.notices).toEqual([]);
    expect(serializeQuery(r.config)).toBe(q);
  });
});
