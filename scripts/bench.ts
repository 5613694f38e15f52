/**
 * `npm run bench`: median wall times (whole run and per phase) of the pipeline on the issue's
 * reference configurations, and the Gram kernel's throughput. Writes bench-results/bench.json and
 * prints the same JSON. Options: --runs N (default 5), --quick (2 runs, small cases only).
 */
import { cpus } from 'node:os';
import { parseQuery } from '../src/run/query';
import { runPipeline } from '../src/run/pipeline';
import { PHASES } from '../src/run/result';
import { benchGram } from './bench-gram';
import { median } from '../src/method/metrics';
import { writeReport } from './lib/benchKit';

const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : args.includes('--quick') ? 2 : 5;

const CASES = [
  { name: 'vanderpol-w200', query: 'sys=vanderpol&width=200' },
  { name: 'lorenz-w500-n20000', query: 'sys=lorenz&width=500&len=20000' },
  { name: 'lorenz-w1000-n20000', query: 'sys=lorenz&width=1000&len=20000' },
  { name: 'forcedvdp-w200', query: 'sys=forcedvdp' },
  { name: 'duffing-w200', query: 'sys=duffing' },
];

const round = (x: number) => Math.round(x * 10) / 10;

/** Medians over runs of the MPC's design time, per-step median and max, and whole loop (ms). */
function controllerMedians(samples: ReturnType<typeof runPipeline>[]) {
  const t = samples.map((s) => s.control!.closedLoop.timing);
  return {
    designMs: round(median(t.map((x) => x.designMs)) * 100) / 100,
    stepMsMedian: Math.round(median(t.map((x) => x.stepMsMedian)) * 1000) / 1000,
    stepMsMax: round(median(t.map((x) => x.stepMsMax)) * 100) / 100,
    loopMs: round(median(t.map((x) => x.loopMs))),
    steps: samples[0].control!.closedLoop.steps,
  };
}

const results = CASES.map(({ name, query }) => {
  const { config, errors } = parseQuery(query, 'strict');
  if (errors.length) throw new Error(errors[0].message);
  runPipeline(config); // warm-up: JIT and wasm compilation
  const samples = Array.from({ length: RUNS }, () => runPipeline(config));
  const phaseMedians = Object.fromEntries(
    [...PHASES, 'total' as const].map((p) => [
      p,
      round(median(samples.map((s) => s.timingsMs[p]))),
    ]),
  );
  const last = samples[samples.length - 1];
  process.stderr.write(`${name}: total median ${phaseMedians.total} ms\n`);
  return {
    name,
    query: last.query,
    runs: RUNS,
    medianMs: phaseMedians,
    allTotalsMs: samples.map((s) => round(s.timingsMs.total)),
    kernel: last.kernel,
    spectrumRank: last.spectrumRank,
    metrics: {
      testMse: last.metrics.testMse,
      rolloutMse: last.metrics.rolloutMse,
      vptLyapunov: last.metrics.vptLyapunov,
      ...(last.metrics.control && {
        predMse50: last.metrics.control.predMse50,
        predMse: last.metrics.control.predMse,
        predMse50NoB: last.metrics.control.predMse50NoB,
        predMseNoB: last.metrics.control.predMseNoB,
        ctrlRatio: last.metrics.control.ctrlRatio,
      }),
    },
    ...(last.control && { controllerMs: controllerMedians(samples) }),
  };
});

const gram = benchGram({ runs: RUNS });
const doc = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  runs: RUNS,
  pipeline: results,
  gram,
};
writeReport('bench', doc);
