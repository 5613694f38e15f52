/**
 * Headless entry: `npm run --silent srnn -- "<query>" [--full] [--data file.csv] [--help]`.
 * Parses the query with the same strict schema as every other entry, runs the pipeline, prints the
 * JSON document on stdout and exits 0. Bad input (query, or a --data file that cannot be used):
 * one line on stderr naming the problem, exit 2. A failure inside the run: one line on stderr,
 * exit 1. Never a stack trace. sys=weather reads public/data/weather.csv; --data implies sys=csv.
 * Messages quote untrusted text (file names, CSV cells): control, bidi and other invisible
 * format characters in them are printed as \uXXXX escapes, never sent to the terminal raw.
 */
import { parseQuery, parseValue } from '../run/query';
import { FIELD_BY_KEY } from '../run/schema';
import { runPipeline } from '../run/pipeline';
import { planFor, type SeriesSource } from '../run/series/sources';
import { analyse } from '../run/analysis';
import { MAX_SEEDS, repeatSeeds } from '../run/seeds';
import { familyOf } from '../run/registry';
import { createStageCache } from '../run/stageCache';
import { CONFIRM_SECONDS, costSentence, estimateCost } from '../run/cost';
import { analysisRequests, isAnalysisFlag, lyapunovJson, statsJson } from './analysisJson';
import { bpttFlag, runBaselines } from './bptt';
import { eigenJson } from './eigenJson';
import { eigenfunctionAnalysis } from '../run/eigenfunctions';
import { helpText } from './help';
import { takeCompareArgs } from './compareCli';
import { comparePlan, runComparison } from '../run/sweep';
import { resultToJson } from './resultJson';
import { csvSource, weatherSource } from './seriesSource';
import { poolFor, threadsFlag } from './threads';

/**
 * C0/C1 controls (newlines included: a message stays one line), DEL, and the invisible format
 * characters that reorder or hide text (bidi marks, embeddings, overrides and isolates,
 * zero-width characters, line/paragraph separators, BOM).
 */
function unsafe(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x61c ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/** A message as one line of visible text: every unsafe character as a \uXXXX escape. */
function visible(message: string): string {
  let out = '';
  for (const ch of message) {
    const c = ch.charCodeAt(0);
    out += unsafe(c) ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}

function fail(code: number, message: string): never {
  process.stderr.write(`srnn: ${visible(message)}\n`);
  process.exit(code);
}

/** Splits argv into flags, the --data path (as `--data x` or `--data=x`) and positionals. */
function splitArgs(argv: string[]) {
  const flags: string[] = [];
  const positional: string[] = [];
  let data: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data' || a.startsWith('--data=')) {
      if (data !== null) fail(2, '--data given more than once');
      data = a === '--data' ? (argv[++i] ?? '') : a.slice('--data='.length);
      if (data === '') fail(2, '--data needs a file name: --data file.csv');
    } else if (a.startsWith('--')) flags.push(a);
    else positional.push(a);
  }
  return { flags, positional, data };
}

function main(argv0: string[]): void {
  // --compare <kind> (issue 13): its own arguments first, then the ordinary query parsing.
  const compare = takeCompareArgs(argv0);
  if (compare.error) fail(2, compare.error);
  const argv = compare.rest;
  const { flags, positional, data } = splitArgs(argv);
  if (flags.includes('--help')) {
    process.stdout.write(helpText() + '\n');
    return;
  }
  const unknownFlag = flags.find(
    (f) =>
      f !== '--full' &&
      f !== '--eigen' &&
      !isAnalysisFlag(f) &&
      !f.startsWith('--seeds=') &&
      !f.startsWith('--bptt=') &&
      f !== '--bptt-cpu' &&
      !f.startsWith('--threads='),
  );
  if (unknownFlag)
    fail(
      2,
      `unknown option '${unknownFlag}' (options: --full, --data, --lyap[=steps], --stats[=steps], --eigen, --seeds=N, --threads=N, --bptt=lstm,gru[,budget=s], --help)`,
    );
  const seedsFlag = flags.find((f) => f.startsWith('--seeds='));
  const seeds = seedsFlag === undefined ? null : Number(seedsFlag.slice('--seeds='.length));
  if (seeds !== null && !(Number.isInteger(seeds) && seeds >= 2 && seeds <= MAX_SEEDS))
    fail(2, `--seeds must be an integer in [2, ${MAX_SEEDS}], got '${seedsFlag!.slice(8)}'`);
  const bptt = bpttFlag(flags);
  if (bptt.error) fail(2, bptt.error);
  const threads = threadsFlag(flags);
  if (typeof threads === 'string') fail(2, threads);
  const analyses = analysisRequests(flags);
  if (analyses.error) fail(2, analyses.error);
  if (positional.length > 1)
    fail(2, `expected one query string, got ${positional.length} arguments`);
  let query = positional[0] ?? '';
  if (data !== null && !/(^|[?&])sys=/.test(query)) query = `sys=csv${query ? '&' : ''}${query}`;
  const { config, errors } = parseQuery(query, 'strict');
  if (errors.length > 0) fail(2, errors[0].message); // the query is refused: nothing runs
  if (data !== null && config.sys !== 'csv')
    fail(2, `--data is for sys=csv, not sys=${config.sys}`);
  if (bptt.specs && familyOf(config.sys) !== 'free')
    fail(2, `--bptt needs a simulated system without inputs, not sys=${config.sys}`);
  if (analyses.requests.length > 0 && familyOf(config.sys) !== 'free')
    fail(2, `--lyap and --stats need a simulated free system, not sys=${config.sys}`);
  const eigen = flags.includes('--eigen');
  if (eigen && familyOf(config.sys) !== 'free')
    fail(2, `--eigen needs a simulated free system, not sys=${config.sys}`);

  if (compare.request) {
    if (flags.length > 0 || data !== null)
      fail(
        2,
        `--compare takes only --values, --compare-seeds and --with-esn, not ${flags[0] ?? '--data'}`,
      );
    const { kind, opts } = compare.request;
    let doc;
    try {
      const plan = comparePlan(kind, config, opts);
      doc = {
        compare: kind,
        seeds: opts.seeds ?? [config.seed],
        ...runComparison(kind, config, plan),
      };
    } catch (e) {
      fail(
        e instanceof RangeError ? 2 : 1,
        `compare failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    process.stdout.write(JSON.stringify(doc) + '\n');
    return;
  }

  let series: SeriesSource | undefined;
  if (config.sys === 'csv') {
    if (data === null) {
      const from = config.file ? ` (this run was made from the local file '${config.file}')` : '';
      fail(2, `sys=csv reads a local file: add --data file.csv${from}`);
    }
    try {
      series = csvSource(data);
      // The name goes into the run's link only if the link can carry it (no control characters,
      // at most 200 characters); otherwise the link simply names no file.
      if (config.file === '' && parseValue(FIELD_BY_KEY.file, series.name).ok)
        config.file = series.name;
      planFor(config, series); // the file's problems are bad input (exit 2), not a failed run
    } catch (e) {
      fail(2, `${data}: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else if (config.sys === 'weather') {
    series = weatherSource();
  }
  // A long run says so first, on stderr only (stdout stays one JSON document).
  const cost = estimateCost(config);
  if (cost.seconds > CONFIRM_SECONDS) process.stderr.write(`srnn: ${costSentence(cost)}\n`);
  let result;
  const cache = createStageCache(); // the analyses reuse the trained model
  try {
    result = runPipeline(config, { series, cache, parallel: poolFor(config, threads) });
  } catch (e) {
    fail(1, `run failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const full = flags.includes('--full');
  const doc = resultToJson(result, full);
  for (const { kind, steps } of analyses.requests) {
    try {
      if (kind === 'lyapunov')
        doc.lyapunov = lyapunovJson(analyse(config, kind, { cache, steps }), full);
      else doc.stats = statsJson(analyse(config, kind, { cache, steps }), full);
    } catch (e) {
      fail(1, `${kind} analysis failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (eigen) {
    try {
      doc.eigen = eigenJson(eigenfunctionAnalysis(config, { cache }), full);
    } catch (e) {
      fail(1, `eigenfunction analysis failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (seeds !== null) {
    try {
      doc.seeds = repeatSeeds(config, seeds, { series });
    } catch (e) {
      fail(1, `seed repeats failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (bptt.specs) {
    // The gradient baselines (TensorFlow.js) train asynchronously, after the sampled network.
    const run = result;
    runBaselines(config, run, bptt.specs, full, bptt.cpu ? 'cpu' : 'wasm').then(
      (b) => process.stdout.write(JSON.stringify({ ...doc, bptt: b }) + '\n'),
      (e: unknown) =>
        fail(1, `BPTT baseline failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    return;
  }
  process.stdout.write(JSON.stringify(doc) + '\n');
}

main(process.argv.slice(2));
