/**
 * The trained model as a JSON file, and back: the whole RunResult (config, seed, W, b, K, C, CK,
 * eigenvalues, metrics, the test data and forecasts the plots draw), so that importing the file
 * shows the same plots and metrics without training again.
 *
 * Layout: the RunResult's own fields at the top level, with every typed array written as a plain
 * flat array of numbers (row-major) and listed under `arrays` with its dtype and shape, e.g.
 *   "arrays": { "model.W": { "dtype": "float64", "shape": [200, 2] }, … }
 * so `np.array(doc["model"]["W"]).reshape(doc["arrays"]["model.W"]["shape"])` recovers a matrix.
 * JSON has no NaN or ∞: in typed arrays NaN (forecast steps after a divergence) is written as
 * null and ±∞ (their normalised error) as the strings "Infinity" / "-Infinity", which numpy's
 * `np.array(x, dtype=float)` reads back. Any other non-finite number (a metric, say) is written as
 * null and its path listed under `nonFinite` ({"metrics.vpt": "Infinity"}), since null already
 * means "not available" there. Finite doubles round-trip exactly (shortest round-trip form).
 */
import { parseQuery } from './query';
import { FIELD_BY_KEY, type RunConfig } from './schema';
import { BadPart, checkParts, overBudget } from './modelParts';
import { knownShapes } from './modelShapes';
import { familyOf } from './registry';
import type { RunResult } from './result';

export const MODEL_FORMAT = 'sampled-rnn-lab/model';
export const MODEL_FORMAT_VERSION = 1;

type Dtype = 'float64' | 'int32';
interface ArraySpec {
  dtype: Dtype;
  shape: number[];
}

/** Nesting deeper than this is copied as it is (RunResult nests five levels at most). */
const MAX_DEPTH = 8;
/** Path segments never followed when writing into parsed objects. */
const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);

function dtypeOf(a: ArrayBufferView): Dtype | null {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  return null;
}

/** Arrays every file must have (the plots and metrics need them), besides the optional pairs. */
const REQUIRED_ARRAYS = [
  'eigenvalues.re',
  'eigenvalues.im',
  'trainSample.x',
  'trainSample.traj',
  'model.W',
  'model.b',
  'model.K',
  'model.C',
  'model.CK',
  'test.truth',
  'test.relift',
  'test.linear',
  'test.errorRelift',
  'test.errorLinear',
  'test.medianErrorRelift',
  'test.medianErrorLinear',
];
const OPTIONAL_ARRAYS = ['model.pairs', 'model.pairPoints'];

/** A non-finite number as a string token; the inverse is TOKENS. */
const tokenOf = (x: number): string => (Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity');
const TOKENS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

interface Collected {
  shapes: Record<string, number[]>;
  arrays: Record<string, ArraySpec>;
  /** Non-finite numbers outside typed arrays (written as null), by path. */
  nonFinite: Record<string, string>;
}

/**
 * Copies `value` as JSON can hold it: typed arrays as plain arrays (NaN → null, ±∞ → tokens),
 * recording each one's spec; other non-finite numbers as null, recording their path.
 */
function plain(value: unknown, path: string, depth: number, c: Collected): unknown {
  if (ArrayBuffer.isView(value)) {
    const dtype = dtypeOf(value);
    if (!dtype) throw new TypeError(`${path}: unsupported typed array`);
    const a = value as Float64Array | Int32Array;
    c.arrays[path] = { dtype, shape: c.shapes[path] ?? [a.length] };
    return Array.from(a, (x) => (Number.isFinite(x) ? x : Number.isNaN(x) ? null : tokenOf(x)));
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    c.nonFinite[path] = tokenOf(value);
    return null;
  }
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (Array.isArray(value)) return value.map((v, i) => plain(v, at(i), depth + 1, c));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plain(v, at(k), depth + 1, c);
  return out;
}

/**
 * JSON text: indented objects, but each array on one line (a matrix of 10⁵ numbers stays 10⁵
 * tokens, not 10⁵ lines).
 */
function stringify(v: unknown, indent = ''): string {
  if (Array.isArray(v)) return JSON.stringify(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const inner = indent + '  ';
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  if (!entries.length) return '{}';
  return `{\n${entries
    .map(([k, x]) => `${inner}${JSON.stringify(k)}: ${stringify(x, inner)}`)
    .join(',\n')}\n${indent}}`;
}

/** The file's text for a result. `appVersion` is the lab's version (package.json). */
export function modelToJson(result: RunResult, appVersion: string): string {
  const c: Collected = { shapes: knownShapes(result), arrays: {}, nonFinite: {} };
  const body = plain(result, '', 0, c) as Record<string, unknown>;
  const doc = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    appVersion,
    seed: result.config.seed,
    ...body,
    arrays: c.arrays,
    nonFinite: Object.keys(c.nonFinite).length ? c.nonFinite : undefined,
  };
  return stringify(doc) + '\n';
}

export type ParsedModel =
  { ok: true; result: RunResult; appVersion: string } | { ok: false; error: string };

class BadFile extends Error {}

type Container = Record<string, unknown> | unknown[];
const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isContainer = (v: unknown): v is Container => v !== null && typeof v === 'object';
const isInt = (v: unknown, min = 0): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min;

/** The path's segments, refusing any that could reach a prototype. */
function segments(path: string, what: string): string[] {
  const segs = path.split('.');
  if (segs.some((s) => s === '' || UNSAFE.has(s)))
    throw new BadFile(`${what} lists an invalid path '${path.slice(0, 40)}'`);
  return segs;
}

/** The value at a dotted path through own properties and array indices, or undefined. */
function getPath(root: Container, segs: string[]): unknown {
  let v: unknown = root;
  for (const seg of segs) {
    if (!isContainer(v) || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** Replaces the value at a path that getPath has found. */
function setPath(root: Container, segs: string[], value: unknown): void {
  const parent = getPath(root, segs.slice(0, -1)) as Record<string, unknown>;
  parent[segs[segs.length - 1]] = value;
}

/** Converts one listed array back to its typed array, checking dtype, shape and entries. */
function readArray(root: Container, path: string, spec: unknown): void {
  const segs = segments(path, 'arrays');
  if (!isObj(spec) || (spec.dtype !== 'float64' && spec.dtype !== 'int32'))
    throw new BadFile(`arrays.${path}: dtype must be "float64" or "int32"`);
  if (!Array.isArray(spec.shape) || !spec.shape.every((n) => isInt(n)))
    throw new BadFile(`arrays.${path}: shape must be a list of non-negative integers`);
  const data = getPath(root, segs);
  if (!Array.isArray(data)) throw new BadFile(`${path} is missing or is not a list of numbers`);
  const shape = spec.shape as number[];
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size)
    throw new BadFile(
      `${path} has ${data.length} numbers, but its shape [${shape.join(', ')}] needs ${size}`,
    );
  const float = spec.dtype === 'float64';
  const out = float ? new Float64Array(size) : new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const x: unknown = data[i];
    if (typeof x === 'number' && (float || x === (x | 0))) out[i] = x;
    else if (float && x === null) out[i] = NaN;
    else if (float && typeof x === 'string' && x !== 'NaN' && Object.hasOwn(TOKENS, x))
      out[i] = TOKENS[x];
    else throw new BadFile(`${path}[${i}] is not ${float ? 'a number' : 'an integer'}`);
  }
  setPath(root, segs, out);
}

/** Puts back the non-finite numbers written as null (see `nonFinite` in modelToJson). */
function readNonFinite(root: Container, listed: unknown): void {
  if (listed === undefined) return;
  if (!isObj(listed))
    throw new BadFile('nonFinite must map paths to "NaN", "Infinity" or "-Infinity"');
  for (const [path, token] of Object.entries(listed)) {
    const segs = segments(path, 'nonFinite');
    if (typeof token !== 'string' || !Object.hasOwn(TOKENS, token))
      throw new BadFile(`nonFinite.${path} must be "NaN", "Infinity" or "-Infinity"`);
    if (getPath(root, segs) !== null)
      throw new BadFile(`${path} should be null (it is listed in nonFinite)`);
    setPath(root, segs, TOKENS[token]);
  }
}

/** The config of a file, validated like a link (strictly: a bad value is a bad file). */
function readConfig(v: unknown): RunConfig {
  if (!isObj(v)) throw new BadFile('config is missing');
  const pairs: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    if (k !== 'v' && !FIELD_BY_KEY[k]) continue; // a field this version does not know
    if (typeof x !== 'number' && typeof x !== 'string')
      throw new BadFile(`config.${k} must be a number or a string`);
    pairs.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(x))}`);
  }
  const parsed = parseQuery(pairs.join('&'), 'strict');
  if (parsed.errors.length) throw new BadFile(`config: ${parsed.errors[0].message}`);
  return parsed.config;
}

function expectLength(path: string, actual: number, expected: number, what: string): void {
  if (actual !== expected)
    throw new BadFile(`${path} has ${actual} numbers, expected ${expected} (${what})`);
}

/** Checks the sizes the plots and metrics rely on against the file's own dimensions. */
function checkSizes(doc: Record<string, unknown>, config: RunConfig): void {
  const model = doc.model as Record<string, unknown>;
  const test = doc.test as Record<string, unknown>;
  const sample = doc.trainSample as Record<string, unknown>;
  for (const [name, v] of [
    ['dim', doc.dim],
    ['spectrumRank', doc.spectrumRank],
    ['model.width', model.width],
    ['test.count', test.count],
    ['test.horizon', test.horizon],
  ] as const)
    if (!isInt(v, 1)) throw new BadFile(`${name} must be a positive integer`);
  if (!isInt(sample.rows)) throw new BadFile('trainSample.rows must be a non-negative integer');
  if (typeof doc.dt !== 'number' || !(doc.dt > 0)) throw new BadFile('dt must be positive');
  const d = doc.dim as number;
  const M = model.width as number;
  const r = doc.spectrumRank as number;
  const n = test.count as number;
  const steps = (test.horizon as number) + 1;
  if (!Array.isArray(doc.stateNames) || doc.stateNames.length !== d)
    throw new BadFile(`stateNames must list ${d} names`);
  if (M !== config.width) throw new BadFile(`model.width ${M} differs from config.width`);
  const len = (p: string) => (getPath(doc, p.split('.')) as ArrayLike<number>).length;
  // W is M × inputs and C, CK are outputs × (M+1); inputs and outputs exceed dim for a delay
  // embedding of measured series, so only whole rows are required.
  if (len('model.W') % M !== 0 || len('model.W') < M * d)
    throw new BadFile(`model.W has ${len('model.W')} numbers, not width × (dim or more)`);
  expectLength('model.b', len('model.b'), M, 'width');
  expectLength('model.K', len('model.K'), r * r, 'spectrumRank²');
  if (len('model.C') % (M + 1) !== 0 || len('model.C') < d * (M + 1))
    throw new BadFile(`model.C has ${len('model.C')} numbers, not (dim or more) × (width+1)`);
  expectLength('model.CK', len('model.CK'), len('model.C'), 'as many as model.C');
  expectLength('eigenvalues.im', len('eigenvalues.im'), len('eigenvalues.re'), 'as many as re');
  expectLength('trainSample.x', len('trainSample.x'), (sample.rows as number) * d, 'rows × dim');
  expectLength('trainSample.traj', len('trainSample.traj'), sample.rows as number, 'rows');
  for (const p of ['test.relift', 'test.linear'])
    expectLength(p, len(p), n * steps * d, 'count × (horizon+1) × dim');
  // The truth may run past the horizon, never short of it.
  if (len('test.truth') % (n * d) !== 0 || len('test.truth') < n * steps * d)
    throw new BadFile(
      `test.truth has ${len('test.truth')} numbers, expected count × (at least horizon+1) × dim`,
    );
  for (const p of ['test.errorRelift', 'test.errorLinear'])
    expectLength(p, len(p), n * steps, 'count × (horizon+1)');
  for (const p of ['test.medianErrorRelift', 'test.medianErrorLinear'])
    expectLength(p, len(p), steps, 'horizon+1');
  for (const p of OPTIONAL_ARRAYS) {
    const v = getPath(doc, p.split('.'));
    if (v !== null && !ArrayBuffer.isView(v))
      throw new BadFile(`${p} must be listed in arrays or be null`);
  }
  // ResDMD residuals: absent in files written before they existed, else one per eigenvalue.
  const eig = doc.eigenvalues as Record<string, unknown>;
  if (eig.residual === null) delete eig.residual;
  else if (eig.residual !== undefined) {
    if (!ArrayBuffer.isView(eig.residual))
      throw new BadFile('eigenvalues.residual must be listed in arrays or be absent');
    expectLength(
      'eigenvalues.residual',
      len('eigenvalues.residual'),
      len('eigenvalues.re'),
      'as many as re',
    );
  }
  if (model.pairs) expectLength('model.pairs', len('model.pairs'), 2 * M, 'width × 2');
  if (model.pairPoints)
    expectLength('model.pairPoints', len('model.pairPoints'), 2 * M * d, 'width × 2 × dim');
}

/**
 * Reads a file written by modelToJson. Checks the format tag, every array's dtype and shape, the
 * sizes the plots rely on and the config; the first problem is returned as a sentence naming the
 * field. Never throws.
 */
export function parseModelJson(text: string): ParsedModel {
  try {
    const over = overBudget(text); // before parsing, which a huge file would stall
    if (over) throw new BadFile(over);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new BadFile(`the file is not JSON (${(e as Error).message})`);
    }
    if (!isObj(doc) || doc.format !== MODEL_FORMAT)
      throw new BadFile(
        `not a Sampled RNN Lab model file (expected "format": "${MODEL_FORMAT}"; export one with Export → Trained model)`,
      );
    if (!isInt(doc.formatVersion, 1) || doc.formatVersion > MODEL_FORMAT_VERSION)
      throw new BadFile(
        `model file format version ${String(doc.formatVersion).slice(0, 20)} is not supported (this lab reads version ${MODEL_FORMAT_VERSION})`,
      );
    const parts = ['config', 'metrics', 'timingsMs', 'model', 'test', 'trainSample', 'eigenvalues'];
    for (const k of parts) if (!isObj(doc[k])) throw new BadFile(`${k} is missing`);
    for (const k of ['warnings', 'divergences'])
      if (!Array.isArray(doc[k])) throw new BadFile(`${k} must be a list`);
    const arrays = doc.arrays;
    if (!isObj(arrays)) throw new BadFile('arrays (the list of numeric arrays) is missing');
    for (const path of REQUIRED_ARRAYS)
      if (!Object.hasOwn(arrays, path)) throw new BadFile(`${path} is missing`);
    for (const [path, spec] of Object.entries(arrays)) readArray(doc, path, spec);
    readNonFinite(doc, doc.nonFinite);

    const config = readConfig(doc.config);
    checkSizes(doc, config);
    try {
      checkParts(doc, config);
    } catch (e) {
      if (e instanceof BadPart) throw new BadFile(e.message);
      throw e;
    }
    for (const [k, v] of Object.entries(doc.metrics as Record<string, unknown>))
      if (v !== null && typeof v !== 'number' && typeof v !== 'object')
        throw new BadFile(`metrics.${k} must be a number or null`);

    const appVersion = typeof doc.appVersion === 'string' ? doc.appVersion : 'unknown';
    // Files written before results named their family: it follows from the system.
    const result: Record<string, unknown> = { ...doc, config, family: familyOf(config.sys) };
    for (const k of ['format', 'formatVersion', 'appVersion', 'seed', 'arrays', 'nonFinite'])
      delete result[k];
    return { ok: true, result: result as unknown as RunResult, appVersion };
  } catch (e) {
    if (e instanceof BadFile) return { ok: false, error: e.message };
    return { ok: false, error: `the file could not be read (${(e as Error).message})` };
  }
}
