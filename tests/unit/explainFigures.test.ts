/**
 * The explanation views' pure parts (src/ui/explain): the PNG encoder behind the heat maps (decoded
 * by Node's zlib, CRCs checked), the neuron geometry (±½ at a SWIM pair on a real run, the slice of
 * a 3-D system, line clipping) and the grow figures' monotonicity report.
 */
import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { growRun } from '../../src/run/explain';
import { createStageCache } from '../../src/run/stageCache';
import { colorAt, encodePng } from '../../src/ui/explain/rasterPng';
import {
  neuronFigure,
  shownNeurons,
  zeroLinesFigure,
} from '../../src/ui/explain/neuron/neuronFigures';
import { layerOfResult, neuronInfo } from '../../src/ui/explain/neuron/neuronLayer';
import { clipLine, slicePlane } from '../../src/ui/explain/neuron/slicePlane';
import {
  growErrorFigure,
  growSpectrumFigure,
  monotoneReport,
} from '../../src/ui/explain/grow/growFigures';

const run = (q: string) => runPipeline(parseQuery(q, 'strict').config);

describe('encodePng', () => {
  it('writes a valid PNG whose pixels inflate back to the input', () => {
    const w = 5;
    const h = 3;
    const rgb = Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 37) % 256);
    const png = encodePng(w, h, rgb);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]);
    const dv = new DataView(png.buffer);
    expect(dv.getUint32(16)).toBe(w);
    expect(dv.getUint32(20)).toBe(h);
    // IDAT starts after the signature (8) and IHDR (12 + 13).
    const len = dv.getUint32(33);
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + len));
    for (let y = 0; y < h; y++) {
      expect(raw[y * (1 + 3 * w)]).toBe(0);
      expect(Array.from(raw.subarray(y * (1 + 3 * w) + 1, (y + 1) * (1 + 3 * w)))).toEqual(
        Array.from(rgb.subarray(y * 3 * w, (y + 1) * 3 * w)),
      );
    }
  });
  it('spans several stored blocks for a large image and refuses a wrong buffer', () => {
    const w = 200;
    const h = 200; // 120 200 bytes of scanlines: two stored blocks
    const png = encodePng(w, h, new Uint8Array(w * h * 3).fill(7));
    const len = new DataView(png.buffer).getUint32(33);
    expect(inflateSync(png.subarray(41, 41 + len)).length).toBe(h * (1 + 3 * w));
    expect(() => encodePng(2, 2, new Uint8Array(5))).toThrow(/5 bytes for 2×2 RGB/);
  });
  it('interpolates colour stops', () => {
    const stops: Array<[number, string]> = [
      [0, '#000000'],
      [0.5, '#FFFFFF'],
      [1, '#FF0000'],
    ];
    expect(colorAt(stops, 0)).toEqual([0, 0, 0]);
    expect(colorAt(stops, 0.25)).toEqual([128, 128, 128]);
    expect(colorAt(stops, 1)).toEqual([255, 0, 0]);
    expect(colorAt(stops, 7)).toEqual([255, 0, 0]);
  });
});

describe('neuron geometry', () => {
  const vdp = run('sys=vanderpol&ntraj=20&len=100&width=40&ntest=3&horizon=20');
  it('every SWIM neuron is tanh −½ and +½ at its pair (1e−12): METHOD.md §2', () => {
    const layer = layerOfResult(vdp);
    for (let j = 0; j < 40; j++) {
      const n = neuronInfo(layer, j);
      expect(Math.abs(n.act1! + 0.5)).toBeLessThan(1e-12);
      expect(Math.abs(n.act2! - 0.5)).toBeLessThan(1e-12);
      expect(Math.abs(n.pre1! + 1.0986122886681098 / 2)).toBeLessThan(1e-12);
    }
    const fig = neuronFigure(vdp, layer, 3, slicePlane(vdp));
    expect((fig.layout.images as Array<{ source: string }>)[0].source).toMatch(
      /^data:image\/png;base64,/,
    );
    expect(fig.data.some((t) => t.name === 'SWIM pair x⁽¹⁾, x⁽²⁾')).toBe(true);
  });
  it('ReLU SWIM neurons are 0 and 1 at their pair', () => {
    const r = run('sys=vanderpol&ntraj=10&len=50&width=10&ntest=2&horizon=10&act=relu');
    const n = neuronInfo(layerOfResult(r), 4);
    expect(n.expected).toEqual([0, 1]);
    expect(Math.abs(n.act1!)).toBeLessThan(1e-12);
    expect(Math.abs(n.act2! - 1)).toBeLessThan(1e-12);
  });
  it('random features have no pair; their zero lines are drawn without midpoints', () => {
    const r = run('sys=vanderpol&ntraj=20&len=100&width=40&ntest=3&horizon=20&sampler=random');
    const layer = layerOfResult(r);
    expect(neuronInfo(layer, 0).x1).toBeNull();
    const { figure, shown } = zeroLinesFigure(r, layer, slicePlane(r), 0);
    expect(shown).toBe(40);
    expect(figure.data.some((t) => String(t.name).startsWith('pair midpoints'))).toBe(false);
  });
  it('a 3-D system is sliced through the two components with the largest spread', () => {
    const lz = run('sys=lorenz&ntraj=2&len=1000&width=20&ntest=2&horizon=20&rank=21');
    const plane = slicePlane(lz, [1, 2, 3]);
    // Lorenz on the attractor: z and y spread most (std ≈ 8.5, 9) against x (≈ 7.9).
    expect(plane.axes).toEqual([1, 2]);
    expect(plane.fixedText).toBe('x = 1');
  });
  it('hostile state names reach the neuron figures as text (plotText), slice text included', () => {
    const lz = run('sys=lorenz&ntraj=2&len=1000&width=20&ntest=2&horizon=20&rank=21');
    const bad = {
      ...lz,
      stateNames: ['<a href="https://example.com/x">x</a>', '<b>y</b>', '%{z}'],
    };
    const layer = layerOfResult(bad);
    const plane = slicePlane(bad, [1, 2, 3]);
    const lines = zeroLinesFigure(bad, layer, plane, 0).figure;
    for (const f of [neuronFigure(bad, layer, 0, plane), lines]) {
      const text = JSON.stringify([f.layout.title, f.layout.xaxis, f.layout.yaxis]);
      expect(text).not.toMatch(/<a|<b>y/);
      expect(text).toContain('&lt;a href=');
    }
  });
  it('clips lines to the box', () => {
    const box: [[number, number], [number, number]] = [
      [0, 1],
      [0, 1],
    ];
    expect(clipLine(1, -1, 0, box)).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(clipLine(1, 0, -0.5, box)).toEqual([
      [0.5, 0],
      [0.5, 1],
    ]);
    expect(clipLine(1, 1, -5, box)).toBeNull();
    expect(shownNeurons(200, 50, 7)).toHaveLength(51);
    expect(shownNeurons(10, 50, 3)).toHaveLength(10);
  });
});

describe('grow figures', () => {
  const config = parseQuery(
    'sys=vanderpol&ntraj=20&len=100&width=40&ntest=3&horizon=20',
    'strict',
  ).config;
  const cache = createStageCache();
  runPipeline(config, { cache });
  const g = growRun(config, { cache });
  it('draw the curve up to the frame and the frame’s eigenvalues', () => {
    const mid = 4;
    const fig = growErrorFigure(g, mid);
    const test = fig.data.find((t) => t.name === 'test MSE')!;
    expect((test.x as number[])[(test.x as number[]).length - 1]).toBe(g.steps[mid].width);
    const spec = growSpectrumFigure(g, mid);
    const pts = spec.data
      .filter((t) => String(t.name).startsWith('|λ|'))
      .reduce((n, t) => n + (t.x as number[]).length, 0);
    expect(pts).toBe(g.steps[mid].width + 1);
  });
  it('report J_k’s rises as 0', () => {
    const rep = monotoneReport(g);
    expect(rep.objectiveRises).toBe(0);
    expect(rep.steps).toBe(39);
  });
});
