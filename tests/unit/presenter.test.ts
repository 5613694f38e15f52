/**
 * Issue 11, presenter mode: enlarged figure fonts, and the `present=1` page key of a lesson link
 * (kept away from the run parser, so it is no unknown key).
 */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { DEFAULT_PAGE, parsePage, serializePage, withoutPageKeys } from '../../src/state/lesson';
import { PLOT_IDS, plotsOf } from '../../src/ui/plots/registry';
import { PRESENT_FONT, presenterLayout } from '../../src/ui/plots/presenter';

type Obj = Record<string, unknown>;

/** Every font size in a layout with the path to it. */
function fonts(v: unknown, path = ''): [string, number][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => fonts(x, `${path}[${i}]`));
  if (typeof v !== 'object' || v === null) return [];
  const out: [string, number][] = [];
  for (const [k, x] of Object.entries(v as Obj)) {
    if ((k === 'font' || k === 'tickfont') && typeof (x as Obj).size === 'number')
      out.push([`${path}.${k}`, (x as Obj).size as number]);
    out.push(...fonts(x, `${path}.${k}`));
  }
  return out;
}

describe('presenterLayout', () => {
  const r = runPipeline(
    parseQuery('sys=vanderpol&width=50&ntraj=10&len=50&horizon=50&ntest=4', 'strict').config,
  );
  for (const entry of plotsOf('free'))
    it(`${entry.id}: every font ≥ 20 px, the title ≥ 24 px, the builder's layout untouched`, () => {
      const fig = entry.build(r, { testIndex: 0, showPairs: false, webgl: false });
      const before = JSON.stringify(fig.layout);
      const big = presenterLayout(fig.layout);
      expect(JSON.stringify(fig.layout)).toBe(before);
      for (const [path, size] of fonts(big))
        expect(size, path).toBeGreaterThanOrEqual(PRESENT_FONT.text);
      expect(((big.title as Obj).font as Obj).size).toBeGreaterThanOrEqual(PRESENT_FONT.title);
      for (const k of Object.keys(big).filter((k) => /^[xy]axis\d*$/.test(k)))
        expect(((big[k] as Obj).tickfont as Obj).size, k).toBeGreaterThanOrEqual(20);
    });
});

describe('present=1', () => {
  it('opens a lesson link in presenter mode and writes itself back', () => {
    const { page, notices } = parsePage('?sys=lorenz&present=1&note=hi', PLOT_IDS);
    expect(page.present).toBe(true);
    expect(notices).toEqual([]);
    expect(serializePage(page)).toBe('note=hi&present=1');
    expect(serializePage(DEFAULT_PAGE)).toBe('');
  });

  it('is no unknown key for the run parser', () => {
    const run = parseQuery(withoutPageKeys('?sys=lorenz&present=1'), 'lenient');
    expect(run.notices).toEqual([]);
    expect(run.config.sys).toBe('lorenz');
    expect(withoutPageKeys('?sys=lorenz')).toBe('?sys=lorenz');
  });
});

describe('contrast', () => {
  it('text shades of every hue reach 4.5:1 on white; marker edges and on-circle rings 3:1', async () => {
    const { COLORS, HUES, INK, contrastRatio, textColor } =
      await import('../../src/ui/plots/palette');
    for (const hex of [...Object.values(HUES), ...Object.values(COLORS)])
      expect(contrastRatio(textColor(hex)), hex).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(INK.markerEdge)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(COLORS.onCircle)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(INK.note)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#000000')).toBeCloseTo(21, 10);
  });
});
