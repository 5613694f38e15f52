/**
 * Measured series: the test period's truth against the RNN's forecasts 1 and H steps ahead and
 * the climatology baseline, one panel per variable; persistence starts hidden (click its legend).
 */
import type { PlotData } from 'plotly.js-gl3d-dist-min';
import type { RunResult } from '../../../run/result';
import { COLORS } from '../palette';
import { stepWord, variable } from '../seriesData';
import type { Figure } from '../types';
import { baselineName, panelCount, seriesLine, seriesParts, stackedFigure } from './seriesPanels';

export function forecastFigure(r: RunResult): Figure {
  const { s } = seriesParts(r);
  const d = s.variables.length;
  const H = s.horizons[s.horizons.length - 1];
  const data: PlotData[] = [];
  for (let i = 0; i < panelCount(s); i++) {
    const v = (flat: ArrayLike<number>) => variable(flat, d, i);
    data.push(
      seriesLine(s, i, 'truth', v(s.truth), COLORS.truth, {
        line: { color: COLORS.truth, width: 2 },
      }),
      seriesLine(s, i, `RNN, ${stepWord(s, 1)} ahead`, v(s.rnn[0]), COLORS.relift),
    );
    if (s.horizons.length > 1)
      data.push(seriesLine(s, i, `RNN, ${stepWord(s, H)} ahead`, v(s.rnn[1]), COLORS.rnnLong));
    data.push(
      seriesLine(s, i, baselineName(s), v(s.climatology), COLORS.climatology, {
        line: { color: COLORS.climatology, width: 2, dash: 'dash' },
      }),
      seriesLine(s, i, `persistence, ${stepWord(s, 1)}`, v(s.persistence[0]), COLORS.persistence, {
        visible: 'legendonly',
      }),
    );
  }
  return stackedFigure(r, s, `Test forecasts · ${s.title}`, data);
}
