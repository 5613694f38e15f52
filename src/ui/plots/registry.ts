/**
 * The one plot registry: every plot of every view, with its label, its caption for students and
 * its pure builder (result, view state) → figure. Read by the plot grid of each view, the lesson
 * dialog and `plots=` links, the export menu, the e2e tests and the UI benchmark.
 *
 * Adding a plot: write its builder in figures/ on the shared helpers (layout, stack, palette,
 * plotData, ranges, ../format), add one entry below, and a unit test of its numbers. The page
 * draws it in a `plot-<id>` container, `plots=<id>` selects it, and export offers it.
 */
import type { Family } from '../../run/registry';
import type { RunResult } from '../../run/result';
import { MAX_RESIDUAL_ORDER } from '../../method/spectrumResiduals';
import { closedLoopFigure } from './figures/closedLoop';
import { closedLoopPhaseFigure } from './figures/closedLoopPhase';
import { costFigure } from './figures/cost';
import { errorFigure } from './figures/error';
import { forecastFigure } from './figures/forecast';
import { phaseFigure } from './figures/phase';
import { predictionFigure } from './figures/prediction';
import { predictionErrorFigure, SHORT_STEPS } from './figures/predictionError';
import { seriesErrorFigure, ROLLING_HALF } from './figures/seriesError';
import { skillFigure } from './figures/skill';
import { spectrumFigure } from './figures/spectrum';
import { trajectoryFigure } from './figures/trajectory';
import { stepWord } from './seriesData';
import type { PlotEntry } from './types';
import { withPlotText } from './plotText';

/** The spectrum caption's words on the ResDMD residuals: what fading means, or why there is none. */
function residualCaption(r: RunResult): string {
  if (r.eigenvalues.residual)
    return '**Faded** points have a large ResDMD residual: their eigenfunction does not hold on the training data, so they are probably artefacts of the finite network (hover for the number).';
  if (r.spectrumRank > MAX_RESIDUAL_ORDER)
    return `(ResDMD residuals, which mark spurious eigenvalues, are computed with the run for K of order ≤ ${MAX_RESIDUAL_ORDER}; this K has order ${r.spectrumRank}. A POD rank below that gives them.)`;
  return '';
}

const FREE: PlotEntry[] = [
  {
    id: 'trajectory',
    family: 'free',
    label: 'Trajectories',
    caption:
      'One test start, component by component: the **truth** (black) against the RNN’s forecast (blue dashes, each prediction fed back in) and the **linear** Koopman forecast (orange). The pink line is the valid prediction time, where the RNN’s error first exceeds ε.',
    build: trajectoryFigure,
    reads: ['testIndex'],
  },
  {
    id: 'phase',
    family: 'free',
    label: 'Phase portrait',
    caption:
      'The same start in state space, over the training data: grey lines join each training trajectory’s sampled states. A good model traces the attractor’s shape, not only its first few steps. Tick **Show SWIM pairs** to see the pair of training points each neuron was built from.',
    build: phaseFigure,
    reads: ['testIndex', 'showPairs', 'webgl'],
  },
  {
    id: 'spectrum',
    family: 'free',
    label: 'Spectrum of K',
    caption: (r) =>
      `Eigenvalues λ of the Koopman matrix K. Inside the unit circle: modes that decay; on it: modes that persist, such as a limit cycle’s harmonics at the angles k·ω·Δt (grey ticks, where ω is known). Each |λ| > 1 makes the linear forecast grow. ${residualCaption(r)}`,
    build: spectrumFigure,
  },
  {
    id: 'error',
    family: 'free',
    label: 'Forecast error',
    caption:
      'Normalised error e(t) on a log scale: the median over all test starts for both forecasts, each start’s RNN error faint behind. A forecast stays valid until e(t) crosses ε (dashed); chaotic systems are timed in Lyapunov times.',
    build: errorFigure,
  },
];

const CONTROLLED: PlotEntry[] = [
  {
    id: 'prediction',
    family: 'controlled',
    label: 'Prediction under an input',
    caption:
      'All models start from the true state and are then driven by the same input u (bottom) they never saw in training. **B = 0** shows what the model predicts if it ignores the input; **linear lifted** iterates z ← Kz + Bu in feature space without re-lifting.',
    build: predictionFigure,
    reads: ['testIndex'],
    tall: true,
    section: 'prediction',
  },
  {
    id: 'prediction-error',
    family: 'controlled',
    label: 'Prediction error',
    caption: (r) =>
      `Distance between prediction and truth, averaged over the ${r.control?.prediction.count ?? ''} test starts (log scale). The gap between **with B** and **B = 0** is what the learned input matrix buys; the dotted line ends the ${SHORT_STEPS}-step window of the first MSE.`,
    build: predictionErrorFigure,
    tall: true,
    section: 'prediction',
  },
  {
    id: 'closedloop',
    family: 'controlled',
    label: 'Closed loop',
    caption:
      'Every step the controller solves a box-constrained quadratic program (|u| ≤ u_max) on the learned linear lifted model over the next N steps and applies only the first input to the true system. Shaded: the window of the mean-distance metric.',
    build: closedLoopFigure,
    tall: true,
    section: 'closedloop',
  },
  {
    id: 'closedloop-phase',
    family: 'controlled',
    label: 'Closed loop, phase plane',
    caption:
      'The same two runs in the state plane: left alone, the state goes where its own dynamics take it; with the controller it is steered from the start (●) to the goal (☆). ◇ marks where each run ends.',
    build: closedLoopPhaseFigure,
    tall: true,
    section: 'closedloop',
  },
  {
    id: 'cost',
    family: 'controlled',
    label: 'Cost',
    caption:
      'Stage cost ‖x_t − goal‖² + r·u_t² per step (top) and its running sum (bottom): the quantity the controller minimises, compared with doing nothing.',
    build: costFigure,
    section: 'closedloop',
  },
  {
    id: 'spectrum',
    family: 'controlled',
    label: 'Spectrum of K',
    caption:
      'Eigenvalues of K, the learned autonomous part of the lifted model (the input acts through B only). λ = 1 belongs to the constant feature; eigenvalues near the unit circle are slow modes the controller has to work against. Where ω is known, grey ticks mark the unforced oscillation’s k·ω·Δt.',
    build: spectrumFigure,
    section: 'closedloop',
  },
];

/** "1 day and 7 days" (or steps) for a series run's horizons. */
const horizons = (r: RunResult): string =>
  r.series ? r.series.horizons.map((h) => stepWord(r.series!, h)).join(' and ') : '';

const SERIES: PlotEntry[] = [
  {
    id: 'forecast',
    family: 'series',
    label: 'Test forecasts',
    caption: (r) =>
      `The test period never used in training: measured values (black) against the RNN’s forecasts ${horizons(r)} ahead and the **${r.series?.source === 'csv' ? 'training mean' : 'climatology'}** baseline (dashed). Click **persistence** in the legend to add “the next value equals the last one”.`,
    build: forecastFigure,
  },
  {
    id: 'series-error',
    family: 'series',
    label: 'Error over time',
    caption: (r) =>
      `How far off each forecast is through the test period: the root-mean-square error over a sliding window of ${2 * ROLLING_HALF + 1} ${r.series?.step === 'day' ? 'days' : 'rows'}, per variable in its own unit. Where the RNN’s lines run below the baselines’, it is the better forecast.`,
    build: seriesErrorFigure,
  },
  {
    id: 'skill',
    family: 'series',
    label: 'MSE vs baseline',
    caption: (r) =>
      `Each method’s test MSE divided by the baseline’s, ${horizons(r)} ahead, one line per variable. Below the dashed line at 1 a forecast beats the ${r.series?.source === 'csv' ? 'training mean' : 'seasonal average'}; the RNN’s edge usually shrinks as the horizon grows.`,
    build: skillFigure,
  },
  {
    id: 'spectrum',
    family: 'series',
    label: 'Spectrum of K',
    caption: (r) =>
      `Eigenvalues of K learned from the delay-embedded data. Eigenvalues near 1 are slow modes (the seasons, a trend), those deep inside the circle decay within a step or two; any |λ| > 1 would make long forecasts grow. ${residualCaption(r)}`,
    build: spectrumFigure,
  },
];

/** Every plot, family by family, each family's in page order. */
export const PLOTS: readonly PlotEntry[] = [...FREE, ...CONTROLLED, ...SERIES].map(withPlotText);

/** The plots of one family's view, in page order. */
export function plotsOf(family: Family): PlotEntry[] {
  return PLOTS.filter((p) => p.family === family);
}

/** The ids of one family's plots, in page order. */
export function plotIds(family: Family): string[] {
  return plotsOf(family).map((p) => p.id);
}

/** Every plot id of any view (each once), for parsing `plots=` before the family is known. */
export const PLOT_IDS: readonly string[] = [...new Set(PLOTS.map((p) => p.id))];

/** One family's plot `id`, or undefined. */
export function plotEntry(family: Family, id: string): PlotEntry | undefined {
  return PLOTS.find((p) => p.family === family && p.id === id);
}

/**
 * The plots a view shows for a lesson link's `plots=` list: the family's plots it names, in the
 * link's order; all of the family's plots when it names none of them (an empty list, or a list
 * written for another view).
 */
export function shownPlots(family: Family, requested: readonly string[]): PlotEntry[] {
  const picked = requested
    .map((id) => plotEntry(family, id))
    .filter((p): p is PlotEntry => p !== undefined);
  return picked.length ? picked : plotsOf(family);
}

/** The caption of a plot for this result. */
export function captionOf(entry: PlotEntry, r: RunResult): string {
  return typeof entry.caption === 'function' ? entry.caption(r) : entry.caption;
}
