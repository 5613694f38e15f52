// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose figures this test imports
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { weatherSource } from '../../src/cli/seriesSource';
import { forecastFigure } from '../../src/ui/plots/figures/forecast';
import { seriesErrorFigure } from '../../src/ui/plots/figures/seriesError';
import { skillFigure } from '../../src/ui/plots/figures/skill';
import { DOUBTFUL_NAME, spectrumFigure } from '../../src/ui/plots/figures/spectrum';
import { rollingRmse, variable, xValues } from '../../src/ui/plots/seriesData';

const { config } = parseQuery('sys=weather&city=new_york', 'strict');
const r = runPipeline(config, { series: weatherSource() });

describe('weather plots', () => {
  it('draw the test year on a date axis, one panel per variable', () => {
    for (const fig of [forecastFigure(r), seriesErrorFigure(r)]) {
      expect((fig.layout.xaxis as { type: string }).type).toBe('date');
      expect(fig.layout.yaxis2).toBeDefined();
      expect(fig.layout.yaxis3).toBeUndefined();
      const first = fig.data[0] as { x: string[] };
      expect(first.x[0]).toBe('2015-01-01');
      expect(first.x).toHaveLength(365);
      // Each panel: its unit on the axis, the variable's name in its corner.
      expect((fig.layout.yaxis as { title: { text: string } }).title.text).toBe('°C');
      const labels = (fig.layout.annotations as Array<{ text: string }>).map((a) => a.text);
      expect(labels).toEqual(['max temperature (°C)', 'min temperature (°C)']);
    }
    // The RNN's 1-day forecast of temp_min is the run's own numbers (n×d, variable 1).
    const rnnMin = forecastFigure(r).data.find(
      (t) => t.name === 'RNN, 1 day ahead' && t.yaxis === 'y2',
    ) as { y: number[] };
    expect(rnnMin.y).toEqual(variable(r.series!.rnn[0], 2, 1));
    // truth, RNN 1 day, RNN 7 days, climatology, persistence (hidden until clicked) per variable.
    const names = forecastFigure(r).data.map((t) => t.name);
    expect(names.slice(0, 5)).toEqual([
      'truth',
      'RNN, 1 day ahead',
      'RNN, 7 days ahead',
      'climatology',
      'persistence, 1 day',
    ]);
  });

  it('plot MSE relative to climatology from the metrics', () => {
    const m = r.metrics.series!;
    const rnnTmax = skillFigure(r).data[0] as { x: number[]; y: number[]; mode: string };
    expect(rnnTmax.x).toEqual([1, 7]);
    // Markers only: no line joins the 1-day and the 7-day point.
    for (const t of skillFigure(r).data) expect(t.mode).toBe('markers');
    expect(skillFigure(r).data.map((t) => t.name)).toContain('RNN · max temperature');
    expect(rnnTmax.y[1]).toBe(m.rnn[1][0]! / m.climatology[1][0]);
  });

  it('draw the spectrum without a limit-cycle ladder (no reference facts for measured data)', () => {
    const names = spectrumFigure(r).data.map((t) => String(t.name));
    expect(names.some((n) => n.startsWith('k·ω·Δt'))).toBe(false);
    // Each eigenvalue once on the main panel (the zoom panel near λ = 1 repeats them on x2).
    const count = spectrumFigure(r)
      .data.filter((t) => !t.xaxis && !String(t.name).startsWith(DOUBTFUL_NAME))
      .map((t) => (t.x as number[]).length)
      .reduce((a, b) => a + b, 0);
    expect(count).toBe(r.eigenvalues.re.length);
  });

  it('rolling RMSE is the RMSE of each centred window', () => {
    const f = Float64Array.from([1, 0, 3, 0, 0, 0]); // n = 3, d = 2
    const t = Float64Array.from([0, 0, 0, 0, 1, 0]);
    expect(rollingRmse(f, t, 2, 0, 1)).toEqual([
      Math.sqrt((1 + 9) / 2),
      Math.sqrt((1 + 9 + 1) / 3),
      Math.sqrt((9 + 1) / 2),
    ]);
    expect(variable(f, 2, 0)).toEqual([1, 3, 0]);
    expect(xValues({ ...r.series!, dates: null }).slice(0, 2)).toEqual([1097, 1098]);
  });
});
