/**
 * The lesson gallery (issue 12): curated lesson links, kept as data. Each lesson is a run query
 * (the settings) plus the lesson-link page keys of src/state/lesson.ts (hidden controls, the plots
 * shown, a note above them). Its link is `?<run>&<page keys>`, built by `lessonSearch`.
 *
 * Every number a note states was measured with the CLI on the lesson's query (or the variant the
 * note asks the student to try) and is listed in `facts`, so a test can rerun those queries and
 * check the text against the numbers (tests/unit/galleryClaims.test.ts). Changing a default that
 * moves a number fails that test instead of leaving a wrong note behind.
 */
import { parseQuery, serializeQuery } from '../../run/query';
import { serializePage, type PageOptions } from '../../state/lesson';

/** One measured number a note quotes. */
export interface LessonFact {
  /** The run query it was measured on (the lesson's own, or the variant the note suggests). */
  query: string;
  /** Where the number is in the CLI JSON, dot separated (e.g. `metrics.testMse`). */
  path: string;
  /** The number as measured (the run is deterministic: same query, same bits). */
  value: number;
  /** How the note writes it (rounded; `·10⁻⁴` style exponents allowed). */
  text: string;
}

export interface Lesson {
  /** Stable id (test ids `gallery-card-<id>`). */
  id: string;
  title: string;
  /** One line for the card. */
  summary: string;
  /** The run settings as a canonical-style query (no page keys). */
  run: string;
  /** Controls (query keys), control groups or panels the lesson hides. */
  hide: string[];
  /** Plot ids shown, in order (ids of the lesson's view in the plot registry). */
  plots: string[];
  /** The note above the plots (plain text, ≤ 500 characters). */
  note: string;
  /** What to look at, for the card. */
  look: string;
  facts: LessonFact[];
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'limit-cycle',
    title: 'A limit cycle in the eigenvalues',
    summary: 'Van der Pol’s period is written in the spectrum of K as a ladder on the unit circle.',
    run: 'sys=vanderpol',
    hide: ['sys', 'data', 'forecast', 'sampler', 'act', 'reg', 'regsel', 'rank'],
    plots: ['spectrum', 'phase'],
    note:
      'Van der Pol at μ = 1 circles its limit cycle once every 6.66 time units, so each step of Δt = 0.1 turns the phase by ω·Δt = 0.0943 rad. ' +
      'K’s eigenvalues sit on (or just inside) the unit circle at the angles 0.0943, 0.1885, 0.2826, …: the ladder k·ω·Δt (grey ticks). ' +
      'Set μ to 2: the period grows to 7.63 and the first rung moves in to 0.0823 rad.',
    look: 'The eigenvalues on the unit circle near λ = 1 and the grey ticks at k·ω·Δt; then move μ.',
    facts: [
      { query: 'sys=vanderpol', path: 'eigAngle.1', value: 0.0943062635, text: '0.0943' },
      { query: 'sys=vanderpol', path: 'eigAngle.2', value: 0.1884590215, text: '0.1885' },
      { query: 'sys=vanderpol', path: 'eigAngle.3', value: 0.2826209896, text: '0.2826' },
      { query: 'sys=vanderpol&mu=2', path: 'eigAngle.1', value: 0.082255665, text: '0.0823' },
    ],
  },
  {
    id: 'chaos',
    title: 'Chaos and the Lyapunov time',
    summary:
      'On Lorenz every forecast fails eventually: how long it lasts is measured in Lyapunov times.',
    run: 'sys=lorenz',
    hide: ['sys', 'sigma', 'rho', 'beta', 'data', 'model', 'rollout', 'horizon', 'errnorm'],
    plots: ['trajectory', 'error', 'phase'],
    note:
      'Lorenz is chaotic: nearby states separate by a factor e every Lyapunov time, 1/λₘₐₓ = 1.10 time units. ' +
      'The RNN (500 SWIM neurons, 10 000 training pairs) follows the truth for a median 5.82 Lyapunov times, then drifts away, yet its forecast stays on the butterfly. ' +
      'Lower ε by a factor e, from 0.4 to 0.147: the VPT only drops to 4.46 Lyapunov times, because the error grows exponentially.',
    look: 'Where the error curve crosses ε, and that the drifted forecast still draws the attractor.',
    facts: [
      { query: 'sys=lorenz', path: 'metrics.vptLyapunov', value: 5.823008, text: '5.82' },
      { query: 'sys=lorenz&eps=0.147', path: 'metrics.vptLyapunov', value: 4.46008, text: '4.46' },
    ],
  },
  {
    id: 'swim-vs-random',
    title: 'SWIM against random features',
    summary: 'With only 50 neurons, where the neurons are placed decides the forecast.',
    run: 'sys=lorenz&width=50',
    hide: ['sys', 'sigma', 'rho', 'beta', 'data', 'forecast', 'act', 'reg', 'regsel', 'rank'],
    plots: ['error', 'trajectory'],
    note:
      'Lorenz with 50 neurons. SWIM builds each neuron from a pair of training points, so its ridges sit where the data is: one-step test MSE 9.0·10⁻⁵, VPT 1.51 Lyapunov times. ' +
      'Switch the sampler to random features: test MSE 2.1·10⁻³ and VPT 0.49 Lyapunov times, and one of the 20 forecasts blows up. ' +
      'SWIM wins on each of the seeds 1 to 5.',
    look: 'The forecast error and the VPT card before and after switching the sampler.',
    facts: [
      {
        query: 'sys=lorenz&width=50',
        path: 'metrics.testMse',
        value: 9.04234e-5,
        text: '9.0·10⁻⁵',
      },
      { query: 'sys=lorenz&width=50', path: 'metrics.vptLyapunov', value: 1.512352, text: '1.51' },
      {
        query: 'sys=lorenz&width=50&sampler=random',
        path: 'metrics.testMse',
        value: 2.104667e-3,
        text: '2.1·10⁻³',
      },
      {
        query: 'sys=lorenz&width=50&sampler=random',
        path: 'metrics.vptLyapunov',
        value: 0.489024,
        text: '0.49',
      },
      {
        query: 'sys=lorenz&width=50&sampler=random',
        path: 'metrics.divergedRelift',
        value: 1,
        text: 'one of the 20',
      },
    ],
  },
  {
    id: 'relift-vs-linear',
    title: 'Re-lifting against the linear forecast',
    summary: 'The same K, run forward two ways: one stays on the limit cycle, one spirals off.',
    run: 'sys=vanderpol&mu=2',
    hide: ['sys', 'data', 'model', 'eps', 'errnorm', 'horizon'],
    plots: ['trajectory', 'phase', 'error'],
    note:
      'Two ways to run one trained model forward. Linear: iterate z ← K z in feature space. Re-lifted (the RNN): read the state out of z and lift it again through the hidden layer at every step. ' +
      'On van der Pol at μ = 2 the linear forecast is valid for 2.7 time units (rollout MSE 0.74); the re-lifted one for the whole horizon of 20 (MSE 2.7·10⁻⁵). ' +
      'Re-lifting keeps the features consistent with a state.',
    look: 'The orange linear forecast leaving the cycle in the phase portrait while the RNN stays on it.',
    facts: [
      { query: 'sys=vanderpol&mu=2', path: 'metrics.vptLinear', value: 2.7, text: '2.7' },
      {
        query: 'sys=vanderpol&mu=2',
        path: 'metrics.rolloutMseLinear',
        value: 0.744600985,
        text: '0.74',
      },
      { query: 'sys=vanderpol&mu=2', path: 'metrics.vptRelift', value: 20, text: '20' },
      {
        query: 'sys=vanderpol&mu=2',
        path: 'metrics.rolloutMseRelift',
        value: 2.73815655e-5,
        text: '2.7·10⁻⁵',
      },
    ],
  },
  {
    id: 'too-little-data',
    title: 'Too little data',
    summary: '20 snapshot pairs for 200 neurons: a perfect fit of one arc, not of the oscillator.',
    run: 'sys=vanderpol&ntraj=1&len=20',
    hide: ['sys', 'mu', 'dt', 'noise', 'ntest', 'model', 'forecast'],
    plots: ['phase', 'trajectory', 'error'],
    note:
      'One training trajectory of 20 steps, for 200 neurons. The training pairs are fitted (MSE 1.1·10⁻⁴) but the one-step test MSE is 2.4 and the VPT 0: the model learned one short arc, not the oscillator. ' +
      'Raise the training trajectories to 5: test MSE 5.9·10⁻⁵ and VPT 18.3; at 20 trajectories 8.1·10⁻⁹, valid over the whole horizon.',
    look: 'The grey training data in the phase portrait against where the test starts are.',
    facts: [
      {
        query: 'sys=vanderpol&ntraj=1&len=20',
        path: 'metrics.trainMse',
        value: 1.0760844e-4,
        text: '1.1·10⁻⁴',
      },
      {
        query: 'sys=vanderpol&ntraj=1&len=20',
        path: 'metrics.testMse',
        value: 2.44939604,
        text: '2.4',
      },
      { query: 'sys=vanderpol&ntraj=1&len=20', path: 'metrics.vpt', value: 0, text: '0' },
      {
        query: 'sys=vanderpol&ntraj=5&len=20',
        path: 'metrics.testMse',
        value: 5.9114966e-5,
        text: '5.9·10⁻⁵',
      },
      { query: 'sys=vanderpol&ntraj=5&len=20', path: 'metrics.vpt', value: 18.25, text: '18.3' },
      {
        query: 'sys=vanderpol&ntraj=20&len=20',
        path: 'metrics.testMse',
        value: 8.1325734e-9,
        text: '8.1·10⁻⁹',
      },
      {
        query: 'sys=vanderpol&ntraj=20&len=20',
        path: 'metrics.vptCensored',
        value: 20,
        text: 'whole horizon',
      },
    ],
  },
  {
    id: 'regularisation',
    title: 'Regularisation on noisy data',
    summary:
      'Too little ridge fits the noise, too much smooths the dynamics away; validation finds the middle.',
    run: 'sys=vanderpol&noise=0.02',
    hide: [
      'sys',
      'mu',
      'dt',
      'ntraj',
      'len',
      'ntest',
      'forecast',
      'width',
      'sampler',
      'act',
      'rank',
    ],
    plots: ['error', 'trajectory'],
    note:
      'Training data with 2 % measurement noise. With almost no ridge (regularisation λ = 10⁻¹²) the least squares fits the noise: one-step test MSE 6.1·10⁻⁴, median VPT 3.8, one forecast blows up. ' +
      'Set λ to 10⁻⁴: test MSE 7.9·10⁻⁵, VPT 12.1, none blows up. Too much (10⁻²) underfits: 8.8·10⁻⁴. ' +
      'Set “Choose λ” to “Validated on held-out data”: it finds 10⁻⁴ by itself.',
    look: 'The error curves and the VPT card as λ moves from 10⁻¹² to 10⁻⁴ to 10⁻².',
    facts: [
      {
        query: 'sys=vanderpol&noise=0.02',
        path: 'metrics.testMse',
        value: 6.088486e-4,
        text: '6.1·10⁻⁴',
      },
      { query: 'sys=vanderpol&noise=0.02', path: 'metrics.vpt', value: 3.8, text: '3.8' },
      {
        query: 'sys=vanderpol&noise=0.02',
        path: 'metrics.divergedRelift',
        value: 1,
        text: 'one forecast',
      },
      {
        query: 'sys=vanderpol&noise=0.02&reg=1e-4',
        path: 'metrics.testMse',
        value: 7.878977e-5,
        text: '7.9·10⁻⁵',
      },
      {
        query: 'sys=vanderpol&noise=0.02&reg=1e-4',
        path: 'metrics.vpt',
        value: 12.1,
        text: '12.1',
      },
      {
        query: 'sys=vanderpol&noise=0.02&reg=1e-4',
        path: 'metrics.divergedRelift',
        value: 0,
        text: 'none',
      },
      {
        query: 'sys=vanderpol&noise=0.02&reg=1e-2',
        path: 'metrics.testMse',
        value: 8.778717e-4,
        text: '8.8·10⁻⁴',
      },
      { query: 'sys=vanderpol&noise=0.02&regsel=cv', path: 'ridge.rel', value: 1e-4, text: '10⁻⁴' },
    ],
  },
  {
    id: 'weather',
    title: 'Weather against persistence',
    summary: 'Is the RNN better than “tomorrow is like today”, and than the seasonal average?',
    run: 'sys=weather',
    hide: ['sys', 'model', 'delay', 'trainfrom', 'trainto', 'testyear'],
    plots: ['skill', 'forecast'],
    note:
      'Seattle, trained on 2012–2014, forecasting every day of 2015. “Tomorrow is like today” (persistence) is a strong 1-day forecast: test MSE of the daily maximum 8.45 °C², the RNN 7.56. ' +
      'A week ahead persistence (22.2) is worse than the seasonal average (15.5); the RNN (14.1) beats both, narrowly. ' +
      'Daily minimum: RNN 3.12 against persistence 3.83 at 1 day; 6.25 against 10.6 and 7.14 at 7 days.',
    look: 'The MSE-vs-baseline plot: which lines lie below 1, at 1 day and at 7 days.',
    facts: [
      {
        query: 'sys=weather',
        path: 'metrics.series.persistence.0.0',
        value: 8.45147945,
        text: '8.45',
      },
      { query: 'sys=weather', path: 'metrics.series.rnn.0.0', value: 7.55985152, text: '7.56' },
      {
        query: 'sys=weather',
        path: 'metrics.series.persistence.1.0',
        value: 22.1500274,
        text: '22.2',
      },
      {
        query: 'sys=weather',
        path: 'metrics.series.climatology.1.0',
        value: 15.4696079,
        text: '15.5',
      },
      { query: 'sys=weather', path: 'metrics.series.rnn.1.0', value: 14.1255457, text: '14.1' },
      { query: 'sys=weather', path: 'metrics.series.rnn.0.1', value: 3.12366863, text: '3.12' },
      {
        query: 'sys=weather',
        path: 'metrics.series.persistence.0.1',
        value: 3.82558904,
        text: '3.83',
      },
      { query: 'sys=weather', path: 'metrics.series.rnn.1.1', value: 6.24824801, text: '6.25' },
      {
        query: 'sys=weather',
        path: 'metrics.series.persistence.1.1',
        value: 10.6345205,
        text: '10.6',
      },
      {
        query: 'sys=weather',
        path: 'metrics.series.climatology.1.1',
        value: 7.13616051,
        text: '7.14',
      },
    ],
  },
  {
    id: 'steering',
    title: 'Steering an oscillator',
    summary: 'The model learned from random pushes holds the oscillator at an unstable point.',
    run: 'sys=forcedvdp',
    hide: ['sys', 'mu', 'data', 'model', 'forecast', 'mpch', 'ur', 'ki', 'ctime', 'x0', 'y0'],
    plots: ['closedloop-phase', 'closedloop', 'cost'],
    note:
      'The forced van der Pol oscillator left alone settles on its limit cycle; the origin is unstable. ' +
      'Model-predictive control on the learned lifted model (|u| ≤ 1) holds the true system at a mean distance 3.2·10⁻⁴ from the origin, against 1.99 without control; cost 60.6 against 1235. ' +
      'Lower the input bound u_max to 0.3: the input sits on its bound in 298 of 300 steps and the distance stays 1.76.',
    look: 'The controlled path (●→☆) in the phase plane, and the input u against its bound.',
    facts: [
      {
        query: 'sys=forcedvdp',
        path: 'metrics.control.ctrlMeanDist',
        value: 3.154288e-4,
        text: '3.2·10⁻⁴',
      },
      {
        query: 'sys=forcedvdp',
        path: 'metrics.control.freeMeanDist',
        value: 1.99449829,
        text: '1.99',
      },
      { query: 'sys=forcedvdp', path: 'metrics.control.ctrlCost', value: 60.5954434, text: '60.6' },
      { query: 'sys=forcedvdp', path: 'metrics.control.freeCost', value: 1235.35368, text: '1235' },
      {
        query: 'sys=forcedvdp&umax=0.3',
        path: 'metrics.control.ctrlMeanDist',
        value: 1.7553301,
        text: '1.76',
      },
    ],
  },
  {
    id: 'input-matrix',
    title: 'What the input matrix B buys',
    summary: 'Trained on random pushes, the model predicts the response to inputs it never saw.',
    run: 'sys=forcedvdp',
    hide: ['sys', 'mu', 'data', 'model', 'control', 'uinamp', 'uinfreq'],
    plots: ['prediction', 'prediction-error'],
    note:
      'Trained on random step inputs, the lifted model z ← K z + B u predicts the oscillator under a sine it never saw: 50-step MSE 4.3·10⁻³ with the learned B, 0.57 with B = 0 (ignoring the input). ' +
      'Pick the chirp as test input: 8.7·10⁻⁴ against 0.047.',
    look: 'The gap between “with B” and “B = 0” in the prediction error.',
    facts: [
      {
        query: 'sys=forcedvdp',
        path: 'metrics.control.predMse50',
        value: 4.342952e-3,
        text: '4.3·10⁻³',
      },
      {
        query: 'sys=forcedvdp',
        path: 'metrics.control.predMse50NoB',
        value: 0.568185937,
        text: '0.57',
      },
      {
        query: 'sys=forcedvdp&uin=chirp',
        path: 'metrics.control.predMse50',
        value: 8.675037e-4,
        text: '8.7·10⁻⁴',
      },
      {
        query: 'sys=forcedvdp&uin=chirp',
        path: 'metrics.control.predMse50NoB',
        value: 0.0468634674,
        text: '0.047',
      },
    ],
  },
];

/** A lesson's page keys. */
export function lessonPage(l: Lesson): PageOptions {
  return { hide: [...l.hide], plots: [...l.plots], note: l.note };
}

/**
 * The lesson's address search: `?<canonical run query>&<page keys>`, the link the lesson dialog
 * would build for these settings (so the address does not change when the run starts).
 */
export function lessonSearch(l: Lesson): string {
  const run = serializeQuery(parseQuery(l.run, 'lenient').config);
  return `?${run}&${serializePage(lessonPage(l))}`;
}
