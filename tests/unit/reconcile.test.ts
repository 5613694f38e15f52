// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose figures this test imports
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { reconcileFigure, sameValue } from '../../src/ui/plots/reconcile';
import { plotsOf } from '../../src/ui/plots/registry';
import { DEFAULT_VIEW } from '../../src/ui/plots/types';

describe('deep equality of figure values', () => {
  it('compares numbers (NaN = NaN), arrays, typed arrays and objects by value', () => {
    expect(sameValue(NaN, NaN)).toBe(true);
    expect(sameValue(0, -0)).toBe(true);
    expect(sameValue([1, null, 'a'], [1, null, 'a'])).toBe(true);
    expect(sameValue(Float64Array.of(1, 2), Float64Array.of(1, 2))).toBe(true);
    expect(sameValue({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toBe(true);
    expect(sameValue([1, 2], [1, 2, 3])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});

describe('reconciling a plot’s next figure with the one shown', () => {
  const trace = (y: number[]) => ({ type: 'scatter', y });
  const prev = { data: [trace([1, 2]), trace([3, 4])], layout: { title: 't', uirevision: 'a' } };

  it('keeps the shown figure when nothing but the uirevision changed', () => {
    const next = { data: [trace([1, 2]), trace([3, 4])], layout: { title: 't', uirevision: 'b' } };
    expect(reconcileFigure(prev, next)).toBe(prev);
  });

  it('shares unchanged traces and the unchanged layout; new data brings its uirevision', () => {
    const sameLayout = {
      data: [trace([1, 2]), trace([3, 5])],
      layout: { title: 't', uirevision: 'a' },
    };
    const a = reconcileFigure(prev, sameLayout);
    expect(a.data[0]).toBe(prev.data[0]);
    expect(a.data[1]).toBe(sameLayout.data[1]);
    expect(a.layout).toBe(prev.layout);
    const newRun = { ...sameLayout, layout: { title: 't', uirevision: 'b' } };
    expect(reconcileFigure(prev, newRun).layout).toBe(newRun.layout);
  });

  it('a new ε leaves the phase portrait and the spectrum as they were, and every trace of the rest', () => {
    const base = 'sys=vanderpol&width=50&ntraj=10&len=50&horizon=50';
    const r1 = runPipeline(parseQuery(`${base}&eps=0.4`, 'strict').config);
    const r2 = runPipeline(parseQuery(`${base}&eps=0.1`, 'strict').config);
    for (const entry of plotsOf('free')) {
      const before = entry.build(r1, DEFAULT_VIEW);
      const after = reconcileFigure(before, entry.build(r2, DEFAULT_VIEW));
      if (entry.id === 'phase' || entry.id === 'spectrum') expect(after, entry.id).toBe(before);
      else {
        // ε moves the threshold and the VPT marks (layout), never the curves.
        if (entry.id === 'error') expect(after.layout).not.toBe(before.layout);
        after.data.forEach((t, k) => expect(t, `${entry.id} trace ${k}`).toBe(before.data[k]));
      }
    }
  });
});
