import { useMemo } from 'react';
import type { RunResult } from '../../run/result';
import { PlotlyFigure } from '../plots/PlotlyFigure';
import { SpectrumPlot } from '../plots/SpectrumPlot';
import { forecastFigure, seriesErrorFigure, skillFigure } from './seriesFigures';

type FigureFn = typeof forecastFigure;

function Figure({ result, make, testid }: { result: RunResult; make: FigureFn; testid: string }) {
  const fig = useMemo(() => make(result), [make, result]);
  return (
    <div className="plot-cell">
      <PlotlyFigure testid={testid} data={fig.data} layout={fig.layout} />
    </div>
  );
}

/**
 * The four plots of a measured-series run: forecasts over the test period and their rolling
 * error per variable (date axes for dated data), the Koopman spectrum, and MSE relative to
 * climatology.
 */
export function SeriesPlots({ result }: { result: RunResult }) {
  return (
    <div className="plots" data-testid="plots">
      <Figure result={result} make={forecastFigure} testid="plot-forecast" />
      <Figure result={result} make={seriesErrorFigure} testid="plot-series-error" />
      <Figure result={result} make={skillFigure} testid="plot-skill" />
      <div className="plot-cell">
        <SpectrumPlot result={result} />
      </div>
    </div>
  );
}
