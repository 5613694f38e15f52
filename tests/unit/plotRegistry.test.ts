// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose figures this test imports
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { describe, expect, it } from 'vitest';
import { weatherSource } from '../../src/cli/seriesSource';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import type { Family } from '../../src/run/registry';
import type { RunResult } from '../../src/run/result';
import { parsePage, serializePage } from '../../src/state/lesson';
import {
  captionOf,
  PLOT_IDS,
  PLOTS,
  plotIds,
  plotsOf,
  shownPlots,
} from '../../src/ui/plots/registry';
import { DEFAULT_VIEW, type Figure } from '../../src/ui/plots/types';

const run = (query: string): RunResult =>
  runPipeline(parseQuery(query, 'strict').config, { series: weatherSource() });

/** A small real run of every family (and a 3-D free system for the 3-D phase portrait). */
const RUNS: Array<[Family, RunResult]> = [
  ['free', run('sys=vanderpol&width=50&ntraj=10&len=50&horizon=50')],
  ['free', run('sys=lorenz&width=50&len=400&ntest=3&horizon=50')],
  ['controlled', run('sys=forcedvdp&width=50&ntraj=10&len=50&horizon=50&ntest=3&ctime=5')],
  ['series', run('sys=weather&width=50')],
];

/** Every axis title of a figure: 2-D axes (xaxis, yaxis2, …) and a 3-D scene's axes. */
function axisTitles(fig: Figure): string[] {
  const title = (a: unknown) => String((a as { title?: { text?: unknown } }).title?.text ?? '');
  const scene = fig.layout.scene as Record<string, unknown> | undefined;
  const axes = [
    ...Object.keys(fig.layout)
      .filter((k) => /^[xy]axis\d*$/.test(k))
      .map((k) => fig.layout[k]),
    ...(scene ? ['xaxis', 'yaxis', 'zaxis'].map((k) => scene[k]) : []),
  ];
  return axes.map(title);
}

describe('the plot registry', () => {
  it('lists each family’s plots once, in page order', () => {
    expect(plotIds('free')).toEqual(['trajectory', 'phase', 'spectrum', 'error']);
    expect(plotIds('controlled')).toEqual([
      'prediction',
      'prediction-error',
      'closedloop',
      'closedloop-phase',
      'cost',
      'spectrum',
    ]);
    expect(plotIds('series')).toEqual(['forecast', 'series-error', 'skill', 'spectrum']);
    expect(PLOT_IDS).toHaveLength(12); // the spectrum is in all three views
    for (const p of PLOTS) {
      expect(p.label.length, p.id).toBeGreaterThan(3);
      expect(p.id, p.id).toMatch(/^[a-z][a-z-]*$/);
    }
  });

  for (const [family, r] of RUNS) {
    describe(`${family} (${String(r.config.sys)})`, () => {
      it('the run is of this family', () => expect(r.family).toBe(family));

      for (const entry of plotsOf(family)) {
        it(`${entry.id}: builds a figure with data, a title and titled axes`, () => {
          const fig = entry.build(r, DEFAULT_VIEW);
          expect(fig.data.length).toBeGreaterThan(0);
          const title = String((fig.layout.title as { text: string }).text);
          expect(title.length).toBeGreaterThan(5);
          const titles = axisTitles(fig);
          expect(titles.length).toBeGreaterThanOrEqual(2);
          for (const t of titles) expect(t.trim(), `${entry.id} axis title`).not.toBe('');
          // Some finite numbers are drawn.
          const finite = fig.data.flatMap((t) =>
            ((t.y ?? t.z ?? []) as unknown[]).filter(
              (v) => typeof v === 'number' && Number.isFinite(v),
            ),
          );
          expect(finite.length).toBeGreaterThan(2);
          // A caption in words for students, with the run's numbers filled in.
          const caption = captionOf(entry, r);
          expect(caption.split(' ').length).toBeGreaterThan(20);
          expect(caption).not.toMatch(/undefined|NaN|\$\{/);
        });
      }
    });
  }

  it('builds the 3-D phase portrait with WebGL and a 2-D projection without', () => {
    const lorenz = RUNS[1][1];
    const phase = plotsOf('free').find((p) => p.id === 'phase')!;
    expect(phase.build(lorenz, DEFAULT_VIEW).data[0].type).toBe('scatter3d');
    const flat = phase.build(lorenz, { ...DEFAULT_VIEW, webgl: false });
    expect(flat.data[0].type).toBe('scatter');
    expect(axisTitles(flat)).toEqual(['x', 'z']);
  });
});

describe('plots= links for every view', () => {
  const parse = (search: string) => parsePage(search, PLOT_IDS);

  it('keeps every known plot id of any view, in the link’s order', () => {
    const { page, notices } = parse('plots=spectrum,closedloop,trajectory');
    expect(page.plots).toEqual(['spectrum', 'closedloop', 'trajectory']);
    expect(notices).toEqual([]);
    expect(serializePage(page)).toBe('plots=spectrum,closedloop,trajectory');
  });

  it('reports unknown names and falls back to all plots when none is known', () => {
    const { page, notices } = parse('plots=bogus,skill');
    expect(page.plots).toEqual(['skill']);
    expect(notices.map((n) => n.message)).toEqual([
      `plots: unknown plot 'bogus' ignored (plots: ${PLOT_IDS.join(', ')})`,
    ]);
    const none = parse('plots=bogus');
    expect(none.page.plots).toEqual([]);
    expect(none.notices[1].message).toBe('plots names no known plot; showing all plots');
    expect(serializePage(none.page)).toBe('');
  });

  it('shows each view its own plots of the list, or all of them if the list names none', () => {
    const plots = parse('plots=spectrum,closedloop').page.plots;
    expect(shownPlots('controlled', plots).map((p) => p.id)).toEqual(['spectrum', 'closedloop']);
    expect(shownPlots('free', plots).map((p) => p.id)).toEqual(['spectrum']);
    expect(shownPlots('series', plots).map((p) => p.family)).toEqual(['series']);
    // A list written for another view: this view shows everything it has.
    expect(shownPlots('series', ['trajectory', 'closedloop']).map((p) => p.id)).toEqual(
      plotIds('series'),
    );
    expect(shownPlots('free', []).map((p) => p.id)).toEqual(plotIds('free'));
  });
});
