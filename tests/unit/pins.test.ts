import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { parsePage, serializePage, withoutPageKeys } from '../../src/state/lesson';
import { MAX_PINS, parsePins, serializePins } from '../../src/state/pinLinks';

const A = 'v=2&sys=lorenz&len=2000&width=120';
const B = 'v=2&sys=lorenz&len=2000&width=120&sampler=random';

describe('pinned runs in the link', () => {
  it('round-trips: pins → address → pins, next to the run and the other page keys', () => {
    const search = `?${B}&note=two%20samplers&${serializePins([A, B])}`;
    expect(search).toContain(`pin=${encodeURIComponent(A)}`);
    const { page, notices } = parsePage(search, []);
    expect(notices).toEqual([]);
    expect(page.pins).toEqual([A, B]);
    expect(page.note).toBe('two samplers');
    const again = parsePage(`?${serializePage(page)}`, []).page;
    expect(again).toEqual(page);
    // The run parser never sees the pins: no unknown-key notice, the run is the address's own.
    const run = parseQuery(withoutPageKeys(search), 'lenient');
    expect(run.notices).toEqual([]);
    expect(run.config.sampler).toBe('random');
  });

  it('writes each pin in canonical form and drops repeats', () => {
    // An unordered, non-canonical pin is brought to the canonical query; the same run twice is one pin.
    const messy = 'sampler=random&sys=lorenz&len=2000&width=120';
    const { pins, notices } = parsePins(`?${serializePins([messy, B])}`);
    expect(notices).toEqual([]);
    expect(pins.map((p) => p.query)).toEqual([B]);
    expect(pins[0].config.sampler).toBe('random');
  });

  it(`keeps at most ${MAX_PINS} pins and reports problems inside a pin`, () => {
    const many = [1, 2, 3, 4, 5].map((s) => `v=2&sys=vanderpol&seed=${s}`);
    const raw = many.map((q) => `pin=${encodeURIComponent(q)}`).join('&');
    const r = parsePins(raw);
    expect(r.pins).toHaveLength(MAX_PINS);
    expect(r.notices.map((n) => n.message)).toEqual([
      `more than ${MAX_PINS} pinned runs: the first ${MAX_PINS} are kept`,
    ]);
    const bad = parsePins(`pin=${encodeURIComponent('sys=vanderpol&width=abc&bogus=1')}`);
    expect(bad.pins).toHaveLength(1);
    expect(bad.pins[0].config.width).toBe(200);
    expect(bad.notices.map((n) => n.message).join(' | ')).toMatch(
      /pinned run 1: .*unknown key 'bogus'/,
    );
    expect(bad.notices.every((n) => n.key === 'pin')).toBe(true);
  });

  it('leaves a link without pins as it was', () => {
    const { page } = parsePage('?v=2&sys=lorenz&note=x', []);
    expect(page.pins).toBeUndefined();
    expect(serializePage(page)).toBe('note=x');
  });
});
