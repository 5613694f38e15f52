/**
 * Measured series: the rolling RMSE (±ROLLING_HALF targets) of each forecast over the test
 * period, per variable in physical units: when in the year each forecast does well.
 */
import type { PlotData } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { COLORS } from '../palette';
import { rollingRmse, stepWord } from '../seriesData';
import type { Figure } from '../types';
import { baselineName, panelCount, seriesLine, seriesParts, stackedFigure } from './seriesPanels';

/** Half-width of the rolling RMSE window (targets): ±7 → 15 days for weather. */
export const ROLLING_HALF = 7;

export function seriesErrorFigure(r: RunResult): Figure {
  const { s } = seriesParts(r);
  const d = s.variables.length;
  const H = s.horizons[s.horizons.length - 1];
  const data: PlotData[] = [];
  for (let i = 0; i < panelCount(s); i++) {
    const rm = (f: Float64Array) => rollingRmse(f, s.truth, d, i, ROLLING_HALF);
    data.push(seriesLine(s, i, `RNN, ${stepWord(s, 1)}`, rm(s.rnn[0]), COLORS.relift));
    if (s.horizons.length > 1)
      data.push(seriesLine(s, i, `RNN, ${stepWord(s, H)}`, rm(s.rnn[1]), COLORS.rnnLong));
    data.push(
      seriesLine(s, i, `persistence, ${stepWord(s, 1)}`, rm(s.persistence[0]), COLORS.persistence),
      seriesLine(s, i, baselineName(s), rm(s.climatology), COLORS.climatology, {
        line: { color: COLORS.climatology, width: 2, dash: 'dash' },
      }),
    );
  }
  const span = 2 * ROLLING_HALF + 1;
  const title = `Error per variable · RMSE over ${span} ${s.step === 'day' ? 'days' : 'rows'}`;
  return stackedFigure(r, s, title, data);
}
