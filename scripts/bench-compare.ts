/**
 * `npm run bench:compare`: the same recipe — Lorenz, width 1000, 20 000 pairs, rank 100,
 * eigenvalues included (sampling, features, Gram accumulation, solve, eigenvalues, 20 forecasts of
 * 1000 steps) — timed in one run in numpy single-threaded (scripts/numpy_recipe.py, when python3
 * with numpy is present; OPENBLAS_NUM_THREADS=1 etc.) and in the engine (the CLI's
 * timingsMs.total, one cold process per run, with 1 thread and with the default pool). Medians of
 * --runs runs; JSON on stdout and in bench-results/bench-compare.json; the ratios on stderr.
 *
 *   npm run bench:compare -- [--runs 3] [--query 'sys=lorenz&width=1000&len=20000'] [--threads 1,2]
 *
 * What the two sides share and what differs: see the header of scripts/numpy_recipe.py. The
 * headline ratio divides by numpy's total without its ODE integration (a Python loop over time
 * steps, not linear algebra), which favours numpy; the all-in ratio is reported next to it.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { median } from '../src/method/metrics';
import { arg, writeReport } from './lib/benchKit';

const RUNS = Number(arg('runs', '3'));
const QUERY = arg('query', 'sys=lorenz&width=1000&len=20000');
const THREADS = arg('threads', `1,${availableParallelism()}`)
  .split(',')
  .map(Number)
  .filter((t, i, a) => a.indexOf(t) === i);
const params = new URLSearchParams(QUERY);
const WIDTH = Number(params.get('width') ?? 1000);
const LEN = Number(params.get('len') ?? 20000);

type Timings = Record<string, number>;
const round = (x: number) => Math.round(x * 10) / 10;
const medians = (runs: Timings[]): Timings =>
  Object.fromEntries(Object.keys(runs[0]).map((k) => [k, round(median(runs.map((r) => r[k])))]));

function engineRun(threads: number): Timings {
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', QUERY, `--threads=${threads}`],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  if (out.status !== 0) throw new Error(`engine run failed: ${out.stderr}`);
  const doc = JSON.parse(out.stdout) as { timingsMs: Timings };
  return doc.timingsMs;
}

function numpyRuns(): { medianMs: Timings; numpy: string } | { skipped: string } {
  const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0) return { skipped: 'python3 with numpy not found' };
  const env = { ...process.env };
  for (const v of [
    'OPENBLAS_NUM_THREADS',
    'OMP_NUM_THREADS',
    'MKL_NUM_THREADS',
    'BLIS_NUM_THREADS',
  ])
    env[v] = '1';
  const out = spawnSync(
    'python3',
    ['scripts/numpy_recipe.py', '--width', `${WIDTH}`, '--len', `${LEN}`, '--runs', `${RUNS}`],
    { encoding: 'utf8', env },
  );
  if (out.status !== 0) return { skipped: `numpy recipe failed: ${out.stderr.slice(-500)}` };
  return JSON.parse(out.stdout) as { medianMs: Timings; numpy: string };
}

const engine: Record<string, { runs: Timings[]; medianMs: Timings }> = {};
// Interleave the configurations run by run, so slow phases of a loaded machine hit all alike.
const perThreads: Record<number, Timings[]> = {};
for (let i = 0; i < RUNS; i++) for (const t of THREADS) (perThreads[t] ??= []).push(engineRun(t));
for (const t of THREADS)
  engine[`threads=${t}`] = { runs: perThreads[t], medianMs: medians(perThreads[t]) };
const numpy = numpyRuns();

const ratios: Record<string, { total: number | null; withIntegration: number | null }> = {};
for (const [k, e] of Object.entries(engine)) {
  const np = 'medianMs' in numpy ? numpy.medianMs : null;
  ratios[k] = {
    total: np ? round((e.medianMs.total / np.totalWithoutIntegration) * 100) / 100 : null,
    withIntegration: np ? round((e.medianMs.total / np.total) * 100) / 100 : null,
  };
}
const doc = {
  query: QUERY,
  runs: RUNS,
  cpus: cpus().length,
  availableParallelism: availableParallelism(),
  loadavg: loadavg().map(round),
  node: process.version,
  engine,
  numpy,
  ratios,
};
writeReport('bench-compare', doc);
for (const [k, r] of Object.entries(ratios))
  process.stderr.write(
    r.total === null
      ? `engine ${k}: ${engine[k].medianMs.total} ms (numpy skipped: ${'skipped' in numpy ? numpy.skipped : ''})\n`
      : `engine ${k} / numpy single-thread: ${r.total} (numpy without its Python ODE loop; ${r.withIntegration} all in)\n`,
  );
