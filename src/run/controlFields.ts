/**
 * The run-schema fields of controlled systems (sys = forcedvdp, duffing): the random training
 * inputs, the test input for prediction under new inputs, and the model-predictive controller.
 * Spread into FIELDS by schema.ts.
 */
import { INPUT_SIGNALS } from '../sources/signals';
import { entryOf, idsOf, isRegistered } from './registry';
import type { Field, NumberField } from './schema';

const U = idsOf('controlled');

const perSystem =
  (key: string, fallback: number) =>
  (sys: string): number =>
    (isRegistered(sys) && U.includes(sys) ? entryOf(sys).defaults[key] : undefined) ?? fallback;

/** Shown in the "Data" group: how the training inputs are drawn. */
export const controlDataFields: Field[] = [
  {
    key: 'uamp',
    label: 'Training input amplitude',
    group: 'data',
    kind: 'float',
    min: 0,
    max: 10,
    scale: 'linear',
    unit: 'u',
    doc: 'Training inputs are piecewise constant with levels drawn uniformly from [−A, A].',
    systems: U,
    default: () => 2,
  },
  {
    key: 'uhold',
    label: 'Input switching time',
    group: 'data',
    kind: 'float',
    min: 0.001,
    max: 100,
    scale: 'log',
    unit: 'time',
    doc: 'Each training input level is held this long (rounded to whole Δt steps, at least one).',
    systems: U,
    default: () => 0.5,
  },
];

const num = (
  key: string,
  label: string,
  group: Field['group'],
  min: number,
  max: number,
  unit: string,
  doc: string,
  def: (sys: string) => number,
  kind: 'int' | 'float' = 'float',
  scale: 'linear' | 'log' = 'linear',
): NumberField => ({
  key,
  label,
  group,
  kind,
  min,
  max,
  scale,
  unit,
  doc,
  systems: U,
  default: def,
});

/** Shown in the "Forecast" group: the unseen input the model predicts under. */
export const controlForecastFields: Field[] = [
  {
    key: 'uin',
    label: 'Test input',
    group: 'forecast',
    kind: 'enum',
    options: INPUT_SIGNALS,
    optionLabels: {
      sine: 'Sine A·sin(ωt)',
      step: 'Step to A at t = H·Δt/10',
      chirp: 'Chirp, ω rising 0 → ω',
      steps: 'Random steps in [−A, A]',
    },
    unit: '',
    doc: 'The unseen input signal the test trajectories are driven by, and the model predicts under.',
    systems: U,
    default: () => 'sine',
  },
  num(
    'uinamp',
    'Test input amplitude A',
    'forecast',
    0,
    10,
    'u',
    'Amplitude A of the test input.',
    () => 1,
  ),
  num(
    'uinfreq',
    'Test input frequency ω',
    'forecast',
    0.01,
    20,
    'rad/time',
    'Angular frequency of the sine; the chirp’s frequency rises linearly from 0 to ω over the horizon.',
    () => 1.5,
    'float',
    'log',
  ),
];

const whenPoint = (f: NumberField): NumberField => ({
  ...f,
  shownWhen: (cfg) => cfg.goal === 'point',
});

/** The "Control" group: the model-predictive controller and its task. */
export const controlTaskFields: Field[] = [
  num(
    'umax',
    'Input bound u_max',
    'control',
    0.01,
    10,
    'u',
    'The controller may only apply |u| ≤ u_max.',
    () => 1,
  ),
  num(
    'mpch',
    'MPC horizon N',
    'control',
    1,
    200,
    'steps',
    'Steps of the learned lifted model the controller looks ahead before each move.',
    () => 20,
    'int',
    'log',
  ),
  num(
    'ur',
    'Input weight r',
    'control',
    0,
    100,
    '1/u²',
    'Cost per step ‖x − goal‖² + r·u²: larger r means gentler inputs.',
    () => 0.01,
    'float',
    'log',
  ),
  num(
    'ki',
    'Integral gain k_I',
    'control',
    0,
    5,
    '1/time',
    'Integral action: the goal given to the MPC moves by k_I·∫(goal − x)dt, removing the steady offset a model error leaves; 0 turns it off.',
    () => 0.5,
  ),
  {
    key: 'goal',
    label: 'Goal',
    group: 'control',
    kind: 'enum',
    options: ['origin', 'point'],
    optionLabels: { origin: 'The origin', point: 'The point (goal x, goal y)' },
    unit: '',
    doc: 'Where the controller steers the true system.',
    systems: U,
    default: () => 'origin',
  },
  whenPoint(
    num(
      'gx',
      'Goal x',
      'control',
      -5,
      5,
      'x',
      'First component of the goal point.',
      perSystem('gx', 0),
    ),
  ),
  whenPoint(
    num(
      'gy',
      'Goal y',
      'control',
      -5,
      5,
      'y',
      'Second component of the goal point.',
      perSystem('gy', 0),
    ),
  ),
  num(
    'x0',
    'Start x',
    'control',
    -5,
    5,
    'x',
    'First component of the closed loop’s start.',
    perSystem('x0', 2),
  ),
  num(
    'y0',
    'Start y',
    'control',
    -5,
    5,
    'y',
    'Second component of the closed loop’s start.',
    perSystem('y0', 0),
  ),
  num(
    'ctime',
    'Closed-loop time',
    'control',
    1,
    500,
    'time',
    'How long the closed loop runs; its mean distance to the goal is taken over the last two thirds.',
    () => 30,
  ),
];
