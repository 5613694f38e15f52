// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose figures this test imports
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { weatherSource } from '../../src/cli/seriesSource';
import { modelToJson, parseModelJson } from '../../src/run/modelJson';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import type { RunResult } from '../../src/run/result';
import { plotSafeResult, plotText } from '../../src/ui/plots/plotText';
import { plotsOf } from '../../src/ui/plots/registry';
import { DEFAULT_VIEW, type Figure } from '../../src/ui/plots/types';
import { visibleText } from '../../src/ui/visibleText';

/** The markup corpus of issue 16: anchors, styled spans, images, entities, templates, breaks. */
const HOSTILE = [
  '<a href="https://example.com/x">click</a>',
  '<span style="font-size:90px">BIG</span>',
  '<img src=x onerror=alert(1)>',
  '&lt;b&gt;amp',
  '%{meta[0]}zz %{x}',
  'line1<br>line2',
  'RTL\u202Eevil\u2066x',
];

/** Every string anywhere in a figure (names, titles, annotations, hover templates, …). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object' && !ArrayBuffer.isView(v))
    for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** What Plotly would show for `s` (its entity decoding, svg_text_utils convertEntities). */
const decode = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** No markup from user text: no tag but the app's own, no user template, no raw bidi/control. */
function expectInert(fig: Figure, what: string) {
  for (const s of strings(fig)) {
    expect(s, what).not.toMatch(/<(a|span|img)\b/i);
    expect(s, what).not.toContain('line1<br>');
    expect(s, what).not.toContain('%{meta[0]}zz');
    expect(s, what).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  }
}

const VIEWS = [DEFAULT_VIEW, { ...DEFAULT_VIEW, webgl: false, showPairs: true }];

function buildAll(r: RunResult): Figure[] {
  return plotsOf(r.family).flatMap((e) => VIEWS.map((v) => e.build(r, v)));
}

/** A real run of `query`, written as a model file with hostile names and read back (an import). */
function importedWithNames(query: string, edit: (doc: Record<string, unknown>) => void): RunResult {
  const r = runPipeline(parseQuery(query, 'strict').config, { series: weatherSource() });
  const doc = JSON.parse(modelToJson(r, '0.0.0')) as Record<string, unknown>;
  edit(doc);
  const parsed = parseModelJson(JSON.stringify(doc));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.result;
}
const pick = (i: number) => HOSTILE[i % HOSTILE.length];

describe('plotText: one escaping rule for user strings in figures', () => {
  it('shows every corpus string as typed (after Plotly decodes entities), never as markup', () => {
    for (const s of HOSTILE) {
      const t = plotText(s);
      expect(t).not.toMatch(/[<>]/);
      expect(t).not.toContain('%{');
      expect(decode(t)).toBe(visibleText(s));
    }
    expect(plotText('temp (°C)')).toBe('temp (°C)');
    expect(plotText('a\nb')).toBe('a⟨U+000A⟩b');
  });

  it('escapes once: the safe copy of a safe copy is itself', () => {
    const r = runPipeline(
      parseQuery('sys=vanderpol&width=20&ntraj=5&len=40&ntest=2', 'strict').config,
    );
    const safe = plotSafeResult(r);
    expect(plotSafeResult(safe)).toBe(safe);
    expect(plotSafeResult(r)).toBe(safe);
    expect(safe.eigenvalues).toBe(r.eigenvalues); // numbers shared, not copied
  });

  it('every free and controlled figure of an imported model with hostile state and input names', () => {
    const free = importedWithNames(
      'sys=vanderpol&width=30&ntraj=5&len=60&ntest=2&horizon=40',
      (d) => {
        d.stateNames = [pick(0), pick(1)];
      },
    );
    const lorenz = importedWithNames('sys=lorenz&width=30&len=300&ntest=2&horizon=30', (d) => {
      d.stateNames = [pick(2), pick(4), pick(6)];
    });
    const ctrl = importedWithNames(
      'sys=forcedvdp&width=30&ntraj=5&len=60&horizon=40&ntest=2&ctime=3',
      (d) => {
        d.stateNames = [pick(5), pick(1)];
        const c = d.control as Record<string, unknown>;
        c.inputNames = [pick(0)];
        c.taskNote = pick(1);
        (c.prediction as Record<string, unknown>).label = pick(0);
      },
    );
    expect(free.stateNames[0]).toBe(HOSTILE[0]);
    expect(ctrl.control!.inputNames[0]).toBe(HOSTILE[0]);
    let count = 0;
    for (const r of [free, lorenz, ctrl])
      for (const fig of buildAll(r)) {
        expectInert(fig, r.family);
        count++;
      }
    expect(count).toBe(2 * (4 + 4 + 6));
    // The names are still there, escaped: the phase portrait's axis titles read as typed.
    const phase = plotsOf('free')
      .find((e) => e.id === 'phase')!
      .build(free, DEFAULT_VIEW);
    const titles = strings(phase.layout).map(decode);
    expect(titles).toContain(HOSTILE[0]);
  });

  it('every series figure of a CSV run with hostile column headers and file name', () => {
    const base = readFileSync('tests/fixtures/oscillation.csv', 'utf8').split('\n');
    base[0] = `date,"${pick(0).replace(/"/g, '""')}",${pick(1)}`;
    const name = `${pick(3)}.csv`;
    const { config } = parseQuery('sys=csv&file=x.csv&width=30', 'strict');
    const r = runPipeline(config, { series: { name, text: base.join('\n') } });
    expect(r.series!.variables).toEqual([HOSTILE[0], HOSTILE[1]]);
    for (const fig of buildAll(r)) expectInert(fig, 'series');
    const forecast = plotsOf('series')[0].build(r, DEFAULT_VIEW);
    expect(strings(forecast).map(decode).join(' ')).toContain(HOSTILE[0]);
  });

  it('every series figure of an imported model with hostile variables, units and title', () => {
    const r = importedWithNames('sys=weather&width=30', (d) => {
      const s = d.series as Record<string, unknown>;
      s.title = pick(0);
      s.splitText = pick(1);
      s.climatologyLabel = pick(4);
      s.variables = (s.variables as string[]).map((_, i) => pick(i));
      s.units = (s.units as string[]).map((_, i) => pick(i + 1));
      const m = (d.metrics as Record<string, Record<string, unknown>>).series;
      m.variables = s.variables;
      m.units = s.units;
    });
    expect(r.series!.title).toBe(HOSTILE[0]);
    for (const fig of buildAll(r)) expectInert(fig, 'weather import');
  });
});
