/**
 * The one text-escaping rule for strings that reach Plotly from a file, a link or an import
 * (issue 16). Plotly renders a subset of HTML in titles, legends, annotations and hover labels
 * (`<a href>`, `<span style>`, `<b>`, `<br>`, entities) and fills `%{…}` templates in hover
 * texts: a CSV column named `<a href="…">click</a>` would become a link in the page and in the
 * exported SVG. Every user string is therefore passed through `plotText` before a figure builder
 * puts it into a figure; the app's own markup (`<b>`, `<br>`, `<extra>` in its templates) stays.
 *
 * `plotSafeResult` applies the rule to every string of a run's result that a builder may draw
 * (state and input names, series title, variables, units, labels), once per result; the plot
 * registry hands each builder that copy (registry.ts), so a new figure is covered without a call
 * of its own. Only the figures see the copy: React text (tables, captions) escapes by itself.
 * Figures outside the registry that draw names from an analysis (long-term statistics, joint
 * density, eigenfunction maps, neuron views) pass those names through `plotText` where they put
 * them in: their captions share the raw names, so a shared escaped copy would show entities there.
 */
import type { RunResult } from '../../run/result';
import type { PlotEntry } from './types';
import { visibleText } from '../visibleText';

/**
 * `s` as literal text in any Plotly text field: `&`, `<`, `>` as entities (Plotly decodes them
 * after it has split the markup, so they show as typed and never form a tag), `%{` as `&#37;{`
 * (no hover template), line breaks and other control or bidi characters made visible
 * (visibleText), so a name can neither break a line nor reorder the text around it.
 */
export function plotText(s: string): string {
  return visibleText(String(s))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/%\{/g, '&#37;{');
}

const texts = (a: readonly string[]): string[] => a.map(plotText);

/** Results already made safe (so applying the rule twice never escapes twice). */
const SAFE = new WeakSet<RunResult>();
/** The safe copy of each raw result (builders of one result share one copy). */
const COPIES = new WeakMap<RunResult, RunResult>();

/**
 * A shallow copy of `r` whose user strings have gone through `plotText`; the numbers (typed
 * arrays) are shared, not copied. Dates of a dated series are left as they are: the date axis
 * reads them as dates, never as markup.
 */
export function plotSafeResult(r: RunResult): RunResult {
  if (SAFE.has(r)) return r;
  const known = COPIES.get(r);
  if (known) return known;
  const m = r.metrics;
  const s = r.series;
  const c = r.control;
  const safe: RunResult = {
    ...r,
    stateNames: texts(r.stateNames),
    metrics: {
      ...m,
      series: m.series && {
        ...m.series,
        variables: texts(m.series.variables),
        units: texts(m.series.units),
      },
      control: m.control && {
        ...m.control,
        inputs: m.control.inputs.map((row) => ({ ...row, label: plotText(row.label) })),
      },
    },
    series: s && {
      ...s,
      title: plotText(s.title),
      splitText: plotText(s.splitText),
      variables: texts(s.variables),
      units: texts(s.units),
      climatologyLabel: plotText(s.climatologyLabel),
    },
    control: c && {
      ...c,
      inputNames: texts(c.inputNames),
      taskNote: plotText(c.taskNote),
      prediction: { ...c.prediction, label: plotText(c.prediction.label) },
    },
  };
  SAFE.add(safe);
  COPIES.set(r, safe);
  return safe;
}

/** A registry entry whose builder is given the result's safe copy (plotSafeResult). */
export function withPlotText(entry: PlotEntry): PlotEntry {
  const build = entry.build;
  return { ...entry, build: (r, view) => build(plotSafeResult(r), view) };
}
