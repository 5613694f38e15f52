/**
 * The parts of an imported model file that the arrays' shapes alone do not pin down: every
 * string, list and object the views read (warnings, divergences, names, the measured-series and
 * controlled parts) is checked for its type and its size against the model's own shapes, and the
 * file must not contradict its config (a free system with a `series` part, a `dt` that is not the
 * config's). The first problem is thrown as a sentence naming the field (issue 16: a file from
 * someone else must never blank the page or show settings that do not reproduce it).
 */
import { entryOf } from './registry';
import type { RunConfig } from './schema';
import { checkControlMetrics, checkSeriesMetrics } from './modelMetrics';

export class BadPart extends Error {}

/** Largest file text the lab imports (characters) and most values it reads from one. */
export const MODEL_MAX_CHARS = 100_000_000;
export const MODEL_MAX_VALUES = 12_000_000;

/** Why a file's text is over the import budget, or null (counted without parsing it). */
export function overBudget(text: string): string | null {
  if (text.length > MODEL_MAX_CHARS)
    return `the file is larger than the ${MODEL_MAX_CHARS / 1e6} MB the lab imports`;
  let commas = 0;
  for (let i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1))
    if (++commas > MODEL_MAX_VALUES)
      return `the file holds more than ${MODEL_MAX_VALUES / 1e6} million values, more than the lab imports`;
  return null;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown, min = 0): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min;
const isNum = (v: unknown): v is number => typeof v === 'number';
const len = (v: unknown) => (ArrayBuffer.isView(v) ? (v as Float64Array).length : -1);

function strings(v: unknown, path: string, count?: number, maxLength = 200): void {
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.length <= maxLength))
    throw new BadPart(`${path} must be a list of texts of at most ${maxLength} characters`);
  if (count !== undefined && v.length !== count)
    throw new BadPart(`${path} must list ${count} names, not ${v.length}`);
}

function text(v: unknown, path: string, maxLength = 500): void {
  if (typeof v !== 'string' || v.length > maxLength)
    throw new BadPart(`${path} must be a text of at most ${maxLength} characters`);
}

function numbers(v: unknown, path: string, size: number): void {
  if (len(v) !== size)
    throw new BadPart(`${path} must be a listed array of ${size} numbers (arrays.${path})`);
}

/** Scalar metrics the cards read: a number or null each; arrays and parts checked apart. */
const SCALAR_METRICS = [
  'trainMse',
  'testMse',
  'rolloutMse',
  'rolloutMseRelift',
  'rolloutMseLinear',
  'divergedRelift',
  'divergedLinear',
  'vpt',
  'vptLyapunov',
  'vptRelift',
  'vptLinear',
  'unstableEigenvalues',
  'spectralRadius',
];

export function checkParts(doc: Record<string, unknown>, config: RunConfig): void {
  const family = entryOf(config.sys).family;
  const spec = entryOf(config.sys).spec;
  const d = doc.dim as number;
  const test = doc.test as Record<string, unknown>;
  const n = test.count as number;
  const H = test.horizon as number;
  const M = (doc.model as Record<string, unknown>).width as number;

  // Names and texts.
  strings(doc.stateNames, 'stateNames', d);
  strings(doc.warnings, 'warnings', undefined, 2000);
  if ((doc.warnings as string[]).length > 200) throw new BadPart('warnings lists over 200 lines');
  for (const k of ['kernel', 'solveMethod'] as const) if (doc[k] !== undefined) text(doc[k], k, 40);

  // The file must be the run its config describes.
  if (spec && d !== spec.dim)
    throw new BadPart(
      `dim ${d} contradicts sys=${config.sys}, whose state has ${spec.dim} components`,
    );
  const dt = doc.dt as number;
  if (!Number.isFinite(dt) || (family === 'series' ? dt !== 1 : dt !== config.dt))
    throw new BadPart(
      `dt ${String(dt).slice(0, 20)} contradicts the config (dt=${family === 'series' ? 1 : config.dt})`,
    );
  if (spec && H !== config.horizon)
    throw new BadPart(`test.horizon ${H} contradicts the config's horizon ${config.horizon}`);
  const re = len((doc.eigenvalues as Record<string, unknown>).re);
  if (re > (doc.spectrumRank as number))
    throw new BadPart(
      `eigenvalues lists ${re} values, more than spectrumRank ${String(doc.spectrumRank)}`,
    );
  if (((doc.trainSample as Record<string, unknown>).rows as number) > 10_000)
    throw new BadPart('trainSample.rows is over 10 000 (the lab writes at most ~3000)');

  // Divergences: which forecast stopped where, and why.
  const divergences = doc.divergences as unknown[];
  if (divergences.length > 2 * (n + H))
    throw new BadPart(`divergences lists ${divergences.length} entries for ${n} test starts`);
  for (const [i, v] of divergences.entries())
    if (
      !isObj(v) ||
      (v.rollout !== 'relift' && v.rollout !== 'linear') ||
      !isInt(v.testIndex) ||
      (v.testIndex as number) >= n + H ||
      !isInt(v.step, 1) ||
      (v.step as number) > H ||
      (v.reason !== 'nan' && v.reason !== 'blowup')
    )
      throw new BadPart(
        `divergences[${i}] must be { rollout: relift|linear, testIndex < ${n + H}, step 1…${H}, reason: nan|blowup }`,
      );

  // Metrics the cards show.
  const metrics = doc.metrics as Record<string, unknown>;
  for (const k of SCALAR_METRICS)
    if (Object.hasOwn(metrics, k) && metrics[k] !== null && !isNum(metrics[k]))
      throw new BadPart(`metrics.${k} must be a number or null`);
  const per = metrics.rolloutMsePerComponent;
  if (
    per !== undefined &&
    per !== null &&
    !(Array.isArray(per) && per.length === d && per.every((x) => x === null || isNum(x)))
  )
    throw new BadPart(`metrics.rolloutMsePerComponent must be null or ${d} numbers`);

  // The family's part: present exactly when the system has one.
  if ((family === 'series') !== (doc.series !== undefined))
    throw new BadPart(
      family === 'series'
        ? 'series is missing for a measured-series run'
        : `series contradicts sys=${config.sys}`,
    );
  if ((family === 'controlled') !== (doc.control !== undefined))
    throw new BadPart(
      family === 'controlled'
        ? 'control is missing for a controlled run'
        : `control contradicts sys=${config.sys}`,
    );
  if ((family === 'series') !== isObj(metrics.series))
    throw new BadPart('metrics.series must be present exactly for a measured-series run');
  if ((family === 'controlled') !== isObj(metrics.control))
    throw new BadPart('metrics.control must be present exactly for a controlled run');
  if (family === 'series') checkSeries(doc.series, d);
  if (family === 'controlled') checkControl(doc.control, d, M, spec!.inputs);
  if (family === 'series')
    checkSeriesMetrics(metrics.series, d, (doc.series as Record<string, unknown>).horizons);
  if (family === 'controlled') checkControlMetrics(metrics.control);
}

function checkSeries(s: unknown, d: number): void {
  if (!isObj(s)) throw new BadPart('series must be an object');
  if (s.source !== 'weather' && s.source !== 'csv')
    throw new BadPart('series.source must be weather or csv');
  for (const k of ['title', 'splitText', 'climatologyLabel'] as const) text(s[k], `series.${k}`);
  if (s.step !== 'day' && s.step !== 'row') throw new BadPart('series.step must be day or row');
  if (!isInt(s.delay, 1) || !isInt(s.count, 1))
    throw new BadPart('series.delay and series.count must be positive integers');
  strings(s.variables, 'series.variables', d);
  strings(s.units, 'series.units', d, 40);
  const h = s.horizons;
  if (!Array.isArray(h) || h.length < 1 || h.length > 2 || !h.every((x) => isInt(x, 1)))
    throw new BadPart('series.horizons must list one or two positive step counts');
  const n = s.count as number;
  if (s.dates !== null) strings(s.dates, 'series.dates', n, 19);
  numbers(s.rows, 'series.rows', n);
  for (const k of ['truth', 'climatology'] as const) numbers(s[k], `series.${k}`, n * d);
  for (const k of ['mean', 'std'] as const) numbers(s[k], `series.${k}`, d);
  for (const k of ['rnn', 'persistence'] as const) {
    const list = s[k];
    if (!Array.isArray(list) || list.length !== h.length)
      throw new BadPart(`series.${k} must list one array per horizon`);
    list.forEach((a, i) => numbers(a, `series.${k}.${i}`, n * d));
  }
}

function checkControl(c: unknown, d: number, M: number, p: number): void {
  if (!isObj(c)) throw new BadPart('control must be an object');
  if (c.p !== p) throw new BadPart(`control.p must be ${p}, the system's number of inputs`);
  strings(c.inputNames, 'control.inputNames', p);
  text(c.taskNote, 'control.taskNote', 1000);
  numbers(c.B, 'control.B', (M + 1) * p);
  numbers(c.CB, 'control.CB', d * p);
  const pr = c.prediction;
  if (!isObj(pr)) throw new BadPart('control.prediction must be an object');
  text(pr.kind, 'control.prediction.kind', 20);
  text(pr.label, 'control.prediction.label');
  if (!isInt(pr.count, 1) || !isInt(pr.horizon, 1))
    throw new BadPart('control.prediction.count and horizon must be positive integers');
  const steps = (pr.horizon as number) + 1;
  numbers(pr.u, 'control.prediction.u', (steps - 1) * p);
  for (const k of ['truth', 'withB', 'noB', 'linear'] as const)
    numbers(pr[k], `control.prediction.${k}`, (pr.count as number) * steps * d);
  for (const k of ['errorWithB', 'errorNoB', 'errorLinear'] as const)
    numbers(pr[k], `control.prediction.${k}`, steps);
  const L = c.closedLoop;
  if (!isObj(L) || !isInt(L.steps, 1))
    throw new BadPart('control.closedLoop must be an object with a step count');
  const T = L.steps as number;
  for (const [k, size] of [
    ['start', d],
    ['goal', d],
    ['x', (T + 1) * d],
    ['free', (T + 1) * d],
    ['u', T * p],
    ['stageCost', T],
    ['freeStageCost', T],
  ] as const)
    numbers(L[k], `control.closedLoop.${k}`, size);
  if (!Array.isArray(L.window) || L.window.length !== 2 || !L.window.every(isNum))
    throw new BadPart('control.closedLoop.window must be two times');
  if (!isInt(L.saturatedSteps) || !isInt(L.qpIterationsMax))
    throw new BadPart('control.closedLoop counts must be non-negative integers');
  if (!isObj(L.timing) || !Object.values(L.timing).every(isNum))
    throw new BadPart('control.closedLoop.timing must hold numbers');
}
