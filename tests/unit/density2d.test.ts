/** The joint-density figure of the long-term statistics (src/ui/analysis/density2d.ts). */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { StatsAnalysis } from '../../src/run/analysis';
import { density2dFigure } from '../../src/ui/analysis/density2d';

function pixels(url: string, n: number): number[][] {
  const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
  let o = 8;
  while (String.fromCharCode(...png.subarray(o + 4, o + 8)) !== 'IDAT')
    o += 12 + png.readUInt32BE(o);
  const raw = inflateSync(png.subarray(o + 8, o + 8 + png.readUInt32BE(o)));
  const rows: number[][] = [];
  for (let r = 0; r < n; r++)
    rows.push(Array.from(raw.subarray(r * (1 + 3 * n) + 1, (r + 1) * (1 + 3 * n))));
  return rows;
}

describe('density2dFigure', () => {
  it('x bins across, y bins up, shared scale; empty bins white; title names the pair and H', () => {
    const n = 3;
    const truth = new Float64Array(n * n);
    const surrogate = new Float64Array(n * n);
    truth[2 * n + 0] = 4; // x bin 2, y bin 0: bottom right
    surrogate[0 * n + 2] = 1; // x bin 0, y bin 2: top left, √1 of √4 → a quarter… half the scale
    const a = {
      stateNames: ['x', 'y', 'z'],
      stats: {
        density2d: {
          i: 0,
          j: 2,
          bins: n,
          xlo: -1,
          xhi: 1,
          ylo: 0,
          yhi: 3,
          truth,
          surrogate,
          hellinger: 0.5,
        },
      },
      floor: { density2dHellinger: 0.01 },
    } as unknown as StatsAnalysis;
    const f = density2dFigure(a);
    const imgs = f.layout.images as Array<{ source: string; xref: string; sizey: number }>;
    expect(imgs.map((i) => i.xref)).toEqual(['x', 'x2']);
    expect(imgs[0].sizey).toBe(3);
    const t = pixels(imgs[0].source, n);
    const white = [255, 255, 255];
    expect(t[2].slice(6, 9)).toEqual([0xfd, 0xe7, 0x25]); // bottom row, right column: the maximum
    expect(t[0].slice(0, 3)).toEqual(white);
    const s = pixels(imgs[1].source, n);
    expect(s[0].slice(0, 3)).not.toEqual(white); // top left: visited
    expect(s[2].slice(6, 9)).toEqual(white);
    expect(JSON.stringify(f.layout.title)).toContain(
      'Joint density x–z: Hellinger 0.5 (floor 0.01)',
    );
  });
  it('hostile state names are drawn as text (plotText) in the title and axes', () => {
    const d = { i: 0, j: 1, bins: 1, xlo: 0, xhi: 1, ylo: 0, yhi: 1, hellinger: 0.5 };
    const a = {
      stateNames: [
        '<a href="https://example.com/x">x</a>',
        '<span style="font-size:90px">y</span>',
      ],
      stats: { density2d: { ...d, truth: Float64Array.of(1), surrogate: Float64Array.of(1) } },
      floor: { density2dHellinger: 0.01 },
    } as unknown as StatsAnalysis;
    const f = density2dFigure(a);
    const text = JSON.stringify([f.layout.title, f.layout.xaxis, f.layout.yaxis]);
    expect(text).not.toMatch(/<a|<span/);
    expect(text).toContain('&lt;a href=');
  });
});
