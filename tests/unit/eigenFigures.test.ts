/**
 * The eigenfunction view's pure parts (src/ui/explain/eigen): the PNG writer behind the colour maps
 * (decoded again with Node's zlib), the colour scales, and the figure builders on a small
 * synthetic analysis.
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { EigenfunctionAnalysis } from '../../src/run/eigenfunctions';
import type { RunResult } from '../../src/run/result';
import { colorImageUrl, VIRIDIS } from '../../src/ui/explain/eigen/colorImage';
import { colorAt, encodePng } from '../../src/ui/explain/rasterPng';
import {
  CYCLIC_SCALE,
  eigenSpectrumFigure,
  modulusMapFigure,
  pairText,
  phaseMapFigure,
} from '../../src/ui/explain/eigen/eigenFigures';

/** Chunks of a PNG: type → data. */
function chunks(png: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let o = 8;
  while (o < png.length) {
    const len = (png[o] << 24) | (png[o + 1] << 16) | (png[o + 2] << 8) | png[o + 3];
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    out.set(type, png.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  return out;
}

describe('colour image (PNG writer)', () => {
  it('round trip: signature, IHDR, and IDAT inflates to the filtered rows (incl. > 64 KiB)', () => {
    for (const [w, h] of [
      [3, 2],
      [200, 120], // 72 120 raw bytes: two stored blocks
    ]) {
      const rgb = Uint8Array.from({ length: w * h * 3 }, (_, k) => (k * 37) & 255);
      const png = encodePng(w, h, rgb);
      expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      const c = chunks(png);
      const ihdr = c.get('IHDR')!;
      expect((ihdr[0] << 24) | (ihdr[1] << 16) | (ihdr[2] << 8) | ihdr[3]).toBe(w);
      expect((ihdr[4] << 24) | (ihdr[5] << 16) | (ihdr[6] << 8) | ihdr[7]).toBe(h);
      const raw = inflateSync(c.get('IDAT')!); // also checks the Adler-32
      expect(raw.length).toBe(h * (1 + 3 * w));
      for (let y = 0; y < h; y++) {
        expect(raw[y * (1 + 3 * w)]).toBe(0);
        expect(
          Buffer.compare(
            raw.subarray(y * (1 + 3 * w) + 1, (y + 1) * (1 + 3 * w)),
            Buffer.from(rgb.subarray(y * 3 * w, (y + 1) * 3 * w)),
          ),
        ).toBe(0);
      }
      expect(c.has('IEND')).toBe(true);
    }
  });

  it('colour scales: end stops exact, the cyclic scale closes, grid rows flipped (top = largest y)', () => {
    expect(colorAt(VIRIDIS, 0)).toEqual([0x44, 0x01, 0x54]);
    expect(colorAt(VIRIDIS, 1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(colorAt(VIRIDIS, 7)).toEqual([0xfd, 0xe7, 0x25]);
    expect(colorAt(CYCLIC_SCALE, 0)).toEqual(colorAt(CYCLIC_SCALE, 1));
    // 1×2 grid: row 0 (small y) = 0, row 1 = 1 → image top row yellow, bottom purple.
    const url = colorImageUrl(Float64Array.of(0, 1), 1, 2, VIRIDIS, 0, 1);
    const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    const raw = inflateSync(chunks(png).get('IDAT')!);
    expect(Array.from(raw)).toEqual([0, 0xfd, 0xe7, 0x25, 0, 0x44, 0x01, 0x54]);
  });
});

describe('eigenfunction figures', () => {
  const n = 11;
  const axis = Float64Array.from({ length: n }, (_, k) => -1 + (2 * k) / (n - 1));
  const pair = (re: number, im: number, residual: number, index: number) => ({
    index,
    re,
    im,
    modulus: Math.hypot(re, im),
    angle: Math.atan2(im, re),
    growth: Math.log(Math.hypot(re, im)) / 0.1,
    frequency: Math.atan2(im, re) / 0.1,
    residual,
    vectorResidual: 1e-18,
  });
  const a: EigenfunctionAnalysis = {
    kind: 'eigen',
    sys: 'vanderpol',
    query: 'v=2',
    dt: 0.1,
    stateNames: ['x', 'y'],
    spectrumRank: 5,
    pairs: [pair(Math.cos(0.1), Math.sin(0.1), 0.003, 0), pair(1, 0, 0, 2)],
    principal: 0,
    grid: {
      nx: n,
      ny: n,
      x: axis,
      y: axis,
      modulus: [new Float64Array(n * n).fill(0.5), new Float64Array(n * n).fill(1)],
      phase: [new Float64Array(n * n), new Float64Array(n * n)],
    },
    orbit: null,
    timingsMs: { run: 0, eigen: 0, total: 0 },
    warnings: [],
  };
  const eig = {
    re: Float64Array.of(Math.cos(0.1), Math.cos(0.1), 1, 0.5, 0.5),
    im: Float64Array.of(Math.sin(0.1), -Math.sin(0.1), 0, 0.2, -0.2),
  };
  const r = {
    dim: 2,
    trainSample: { x: Float64Array.of(0, 0, 1, 1), traj: Int32Array.of(0, 0), rows: 2 },
  } as unknown as RunResult;

  it('spectrum: listed pairs once (upper half), others grey without the listed ones; customdata = list position', () => {
    const f = eigenSpectrumFigure(a, eig, 1);
    const grey = f.data.find((d) => d.name === 'other eigenvalues')!;
    expect(grey.x).toHaveLength(1); // 0.5 + 0.2i only (its conjugate is the same point)
    const listed = f.data.find((d) => String(d.name).startsWith('listed'))!;
    expect(listed.customdata).toEqual([0, 1]);
    expect((listed.x as number[])[0]).toBeCloseTo(1, 12); // ω = 0.1 rad / 0.1
    const ring = f.data.find((d) => d.name === 'drawn below')!;
    expect(ring.y).toEqual([1]);
  });

  it('maps: one stretched layout image over the grid cells, colour bar ranges, titles name λ', () => {
    const m = modulusMapFigure(a, r, 0);
    const img = (m.layout.images as Array<Record<string, number | string>>)[0];
    expect(String(img.source).startsWith('data:image/png;base64,')).toBe(true);
    expect(img.x).toBeCloseTo(-1.1, 12);
    expect(img.sizex).toBeCloseTo(2.2, 12);
    expect((m.data[0].marker as { cmax: number }).cmax).toBe(1);
    const p = phaseMapFigure(a, r, 0);
    expect((p.data[0].marker as { cmin: number }).cmin).toBe(-Math.PI);
    expect(JSON.stringify(p.layout.title)).toContain('arg φ for λ = 0.995 + 0.09983i');
    expect(pairText(a.pairs[0])).toBe('0.995 ± 0.09983i');
    expect(pairText(a.pairs[1])).toBe('1');
  });

  it('maps draw hostile state names as text (plotText): no markup in axis titles or hover', () => {
    const hostile = { ...a, stateNames: ['<a href="https://example.com/x">x</a>', '%{y}'] };
    for (const f of [modulusMapFigure(hostile, r, 0), phaseMapFigure(hostile, r, 0)]) {
      const text = JSON.stringify([f.layout.xaxis, f.layout.yaxis, f.data[0].hovertemplate]);
      expect(text).not.toContain('<a');
      expect(text).toContain('&lt;a href=');
      expect(text).toContain('&#37;{y}');
    }
  });
});
