/**
 * The worker pool in Node (src/cli/nodePool.ts): for each thread count, the median over runs of
 * each stage and of the whole run (warm process, fresh stage cache), the check that every thread
 * count gives the same metrics and eigenvalues bit for bit, and each worker's peak heap (JS heap
 * in use + external memory: typed arrays and wasm memories). JSON on stdout and in
 * bench-results/bench-pool.json.
 *
 *   npx tsx scripts/bench-pool.ts [--runs 3] [--threads 1,2,4] [--query 'sys=lorenz&width=1000&len=20000']
 */
import { cpus, loadavg } from 'node:os';
import { createNodePool } from '../src/cli/nodePool';
import { resultToJson } from '../src/cli/resultJson';
import { median } from '../src/method/metrics';
import { runPipeline } from '../src/run/pipeline';
import { parseQuery } from '../src/run/query';
import { arg, writeReport } from './lib/benchKit';

const RUNS = Number(arg('runs', '3'));
const THREADS = arg('threads', '1,2,4').split(',').map(Number);
const QUERY = arg('query', 'sys=lorenz&width=1000&len=20000');
const config = parseQuery(QUERY, 'strict').config;
const round = (x: number) => Math.round(x);
const MiB = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;

const pools = THREADS.map((t) => createNodePool(t));
await new Promise((r) => setTimeout(r, 2000)); // let the workers load their modules
const samples: Record<number, Array<Record<string, number>>> = {};
const prints = new Set<string>();
for (let i = 0; i < RUNS; i++)
  THREADS.forEach((t, k) => {
    const r = runPipeline(config, { parallel: pools[k] });
    const json = resultToJson(r, false);
    prints.add(JSON.stringify([json.metrics, json.eigenvalues]));
    (samples[t] ??= []).push({
      ...Object.fromEntries(r.stages.map((s) => [s.stage, s.ms])),
      total: r.timingsMs.total,
    });
  });
const results = THREADS.map((t, k) => ({
  threads: t,
  medianMs: Object.fromEntries(
    Object.keys(samples[t][0]).map((s) => [s, round(median(samples[t].map((x) => x[s])))]),
  ),
  totalsMs: samples[t].map((x) => round(x.total)),
  workerPeakHeapMiB: pools[k]
    .peakHeaps()
    .map((h) => ({ jsHeap: MiB(h.usedHeap), external: MiB(h.external) })),
}));
const doc = {
  query: QUERY,
  runs: RUNS,
  cpus: cpus().length,
  loadavg: loadavg().map((x) => Math.round(x * 10) / 10),
  bitIdenticalAcrossThreadCounts: prints.size === 1,
  results,
};
await Promise.all(pools.map((p) => p.close()));
writeReport('bench-pool', doc);
