/**
 * The one schema of a run: every shareable field with its query key, type, default, bounds and
 * doc string. The URL, the CLI, the worker and the generated controls all read this table
 * (after tensorflow/playground's declarative state table, with validation added).
 */
import { SYSTEM_SPECS } from '../sources/systems';
import type { ParamSpec } from '../sources/systems/types';
import { entryOf, idsOf, isRegistered, REGISTRY, REGISTRY_IDS } from './registry';
import { controlDataFields, controlForecastFields, controlTaskFields } from './controlFields';
import { sysDefault } from './fieldDefaults';
import { modelFields } from './modelFields';
import { esnFields } from './esnFields';
import { seriesDataFields, seriesSystemFields } from './seriesFields';

export const SCHEMA_VERSION = 2;

export type Group = 'system' | 'data' | 'model' | 'forecast' | 'control';

interface BaseField {
  key: string;
  label: string;
  group: Group;
  unit: string;
  /** One-sentence help text shown next to the control and in --help. */
  doc: string;
  /** Only meaningful for these systems (system parameters, simulation or series settings); absent = all. */
  systems?: string[];
  /**
   * Page only: the control is shown when this holds for the current settings (e.g. the goal point
   * only when the goal is a point). Parsing and the address ignore it.
   */
  shownWhen?: (cfg: Record<string, number | string>) => boolean;
}
export interface NumberField extends BaseField {
  kind: 'int' | 'float';
  min: number;
  max: number;
  /** Slider mapping for the UI: 'log' for quantities spanning decades. */
  scale: 'linear' | 'log';
  default: (sys: string) => number;
}
export interface EnumField extends BaseField {
  kind: 'enum';
  options: readonly string[];
  optionLabels?: Record<string, string>;
  default: (sys: string) => string;
}
/** A comma list of items: a subset of fixed options (stored in option order) or free names. */
export interface ListField extends BaseField {
  kind: 'list';
  /** The allowed items, or null for any names (e.g. a CSV's column headers). */
  options: readonly string[] | null;
  maxItems: number;
  default: (sys: string) => string;
}
/** Free text (e.g. a file name), shown but not edited as a control. */
export interface TextField extends BaseField {
  kind: 'text';
  maxLength: number;
  default: (sys: string) => string;
}
export type Field = NumberField | EnumField | ListField | TextField;

/** The simulated systems (free and controlled): simulation and forecast fields apply to these. */
const FREE = idsOf('free');
const SIMULATED = [...FREE, ...idsOf('controlled')];

/**
 * One field per parameter key; a key shared by several systems (μ of van der Pol and of the forced
 * oscillator) is one field listing them all, with each system's own default.
 */
function buildParamFields(): NumberField[] {
  const owners = new Map<string, Array<{ sys: string; p: ParamSpec }>>();
  for (const s of SYSTEM_SPECS)
    for (const p of s.params) owners.set(p.key, [...(owners.get(p.key) ?? []), { sys: s.id, p }]);
  return [...owners.values()].map((list): NumberField => {
    const p = list[0].p;
    return {
      key: p.key,
      label: p.label,
      group: 'system',
      unit: p.unit,
      doc: p.doc,
      systems: list.map((o) => o.sys),
      kind: 'float',
      min: Math.min(...list.map((o) => o.p.min)),
      max: Math.max(...list.map((o) => o.p.max)),
      scale: 'linear',
      default: (sys) => (list.find((o) => o.sys === sys) ?? list[0]).p.default,
    };
  });
}
const systemParamFields = buildParamFields();

export const FIELDS: Field[] = [
  {
    key: 'sys',
    label: 'System',
    group: 'system',
    kind: 'enum',
    options: REGISTRY_IDS,
    optionLabels: Object.fromEntries(REGISTRY_IDS.map((id) => [id, REGISTRY[id].label])),
    unit: '',
    doc: 'The dynamical system that generates training and test data, or measured data (weather records, your CSV).',
    default: () => 'vanderpol',
  },
  ...systemParamFields,
  ...seriesSystemFields,
  {
    key: 'dt',
    systems: SIMULATED,
    label: 'Δt',
    group: 'data',
    kind: 'float',
    min: 0.001,
    max: 1,
    scale: 'log',
    unit: 'time',
    doc: 'Sampling interval between snapshots (RK4 with sub-steps integrates in between).',
    default: sysDefault('dt', 0.1),
  },
  {
    key: 'ntraj',
    systems: SIMULATED,
    label: 'Training trajectories',
    group: 'data',
    kind: 'int',
    min: 1,
    max: 2000,
    scale: 'log',
    unit: 'count',
    doc: 'Number of training trajectories, each from its own random initial condition.',
    default: sysDefault('ntraj', 100),
  },
  {
    key: 'len',
    systems: SIMULATED,
    label: 'Trajectory length',
    group: 'data',
    kind: 'int',
    min: 2,
    max: 200_000,
    scale: 'log',
    unit: 'steps',
    doc: 'Snapshot pairs per training trajectory (pairs never cross from one trajectory to the next).',
    default: sysDefault('len', 200),
  },
  {
    key: 'noise',
    systems: SIMULATED,
    label: 'Measurement noise',
    group: 'data',
    kind: 'float',
    min: 0,
    max: 1,
    scale: 'linear',
    unit: '× std',
    doc: 'Gaussian noise added to the training data only, as a fraction of each component’s std.',
    default: () => 0,
  },
  {
    key: 'ntest',
    systems: SIMULATED,
    label: 'Test trajectories',
    group: 'data',
    kind: 'int',
    min: 1,
    max: 200,
    scale: 'linear',
    unit: 'count',
    doc: 'Number of unseen test starts the forecast metrics average over.',
    default: sysDefault('ntest', 20),
  },
  ...seriesDataFields,
  ...controlDataFields,
  ...modelFields,
  ...esnFields,
  {
    key: 'rollout',
    systems: FREE, // the controlled view draws every forecast and reports no VPT
    label: 'Headline rollout',
    group: 'forecast',
    kind: 'enum',
    options: ['relift', 'linear'],
    optionLabels: { relift: 'Re-lifted (the RNN)', linear: 'Linear Koopman' },
    unit: '',
    doc: 'Which forecast the rollout MSE and VPT metrics report; both are always drawn.',
    default: () => 'relift',
  },
  {
    key: 'horizon',
    systems: [...SIMULATED, 'csv'],
    label: 'Horizon',
    group: 'forecast',
    kind: 'int',
    min: 1,
    max: 20_000,
    scale: 'log',
    unit: 'steps',
    doc: 'Number of Δt steps (rows, for a CSV file) each test forecast runs freely from its initial state.',
    default: sysDefault('horizon', 200),
  },
  {
    key: 'errnorm',
    systems: FREE,
    label: 'Error norm',
    group: 'forecast',
    kind: 'enum',
    options: ['total', 'component'],
    optionLabels: {
      total: '‖Δx‖ / √(Σ σᵢ²)',
      component: 'per component: √(mean (Δxᵢ/σᵢ)²)',
    },
    unit: '',
    doc: 'How the forecast error e(t) behind VPT is normalised: by the total spread of the training data, or component by component (a component with a small spread then counts as much as the others).',
    default: () => 'total',
  },
  {
    key: 'eps',
    systems: FREE,
    label: 'VPT threshold ε',
    group: 'forecast',
    kind: 'float',
    min: 0.01,
    max: 2,
    scale: 'linear',
    unit: '1',
    doc: 'Valid prediction time ends when the normalised error first exceeds ε.',
    default: () => 0.4,
  },
  ...controlForecastFields,
  ...controlTaskFields,
];

export const FIELD_BY_KEY: Record<string, Field> = Object.fromEntries(
  FIELDS.map((f) => [f.key, f]),
);

/** A complete, validated run configuration (flat: one entry per query key). */
export interface RunConfig {
  v: number;
  sys: string;
  /** One of the registered samplers (src/method/sampling/index.ts). */
  sampler: string;
  act: 'tanh' | 'relu';
  rollout: 'relift' | 'linear';
  dt: number;
  ntraj: number;
  len: number;
  noise: number;
  ntest: number;
  width: number;
  reg: number;
  seed: number;
  horizon: number;
  eps: number;
  rank: number;
  regsel: string;
  errnorm: string;
  // Measured series (weather, csv).
  city: string;
  file: string;
  vars: string;
  cols: string;
  delay: number;
  trainfrom: number;
  trainto: number;
  testyear: number;
  split: number;
  // Controlled systems: training inputs, the test input, the controller and its task.
  uamp: number;
  uhold: number;
  uin: string;
  uinamp: number;
  uinfreq: number;
  umax: number;
  mpch: number;
  ur: number;
  ki: number;
  goal: string;
  gx: number;
  gy: number;
  x0: number;
  y0: number;
  ctime: number;
  /** System parameters (mu, sigma, rho, beta, a, b, c, …), always present with defaults. */
  [param: string]: number | string;
}

/** Whether a field is shown and serialised for this system. */
export function fieldApplies(f: Field, sys: string): boolean {
  return !f.systems || f.systems.includes(sys);
}

/** The default configuration of a system. */
export function defaultConfig(sys = 'vanderpol'): RunConfig {
  const cfg: Record<string, number | string> = { v: SCHEMA_VERSION };
  for (const f of FIELDS) cfg[f.key] = f.default(sys);
  cfg.sys = sys;
  return cfg as RunConfig;
}

/** The system parameters of a config as a plain record (keys of the chosen system only). */
export function systemParams(cfg: RunConfig): Record<string, number> {
  const spec = isRegistered(cfg.sys) ? entryOf(cfg.sys).spec : null;
  if (!spec) return {};
  return Object.fromEntries(spec.params.map((p) => [p.key, Number(cfg[p.key])]));
}

/** Human-readable allowed range of a field, e.g. "an integer in [1, 3000]". */
export function allowedRange(f: Field): string {
  if (f.kind === 'enum') return `one of ${f.options.join(', ')}`;
  if (f.kind === 'list')
    return f.options
      ? `a comma list of ${f.options.join(', ')}`
      : `a comma list of up to ${f.maxItems} names (empty: all)`;
  if (f.kind === 'text') return `text of up to ${f.maxLength} characters`;
  return `${f.kind === 'int' ? 'an integer' : 'a number'} in [${f.min}, ${f.max}]`;
}
