/**
 * Stage-cache benchmark in Node: for each system's default query, the median over runs of a full
 * run (fresh cache) and of a warm re-run after changing one setting (`reg`, `eps`, `horizon`), with
 * the stages that were served from the cache. JSON on stdout and in bench-results/bench-stages.json.
 *
 *   npx tsx scripts/bench-stages.ts [--runs 5] [--systems lorenz,vanderpol]
 */
import { cpus } from 'node:os';
import { weatherSource } from '../src/cli/seriesSource';
import { median } from '../src/method/metrics';
import { runPipeline } from '../src/run/pipeline';
import { parseQuery } from '../src/run/query';
import { familyOf, REGISTRY_IDS } from '../src/run/registry';
import { createStageCache } from '../src/run/stageCache';
import { arg, writeReport } from './lib/benchKit';

const RUNS = Number(arg('runs', '5'));
const SYSTEMS = arg('systems', REGISTRY_IDS.filter((id) => id !== 'csv').join(',')).split(',');
/** The changes timed after a full run (eps and rollout do not apply to every family). */
const CHANGES: Record<string, string> = { reg: 'reg=1e-6', eps: 'eps=0.3', horizon: 'horizon=150' };

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
const results = SYSTEMS.map((sys) => {
  const series = sys === 'weather' ? weatherSource() : undefined;
  const cfg = (q: string) => parseQuery(q, 'strict').config;
  const full: number[] = [];
  const warm: Record<string, { ms: number[]; cached: string[] }> = {};
  const changes = Object.entries(CHANGES).filter(
    ([k]) => familyOf(sys) === 'free' || k === 'reg' || (k === 'horizon' && sys !== 'weather'),
  );
  for (let i = 0; i < RUNS; i++) {
    for (const [key, change] of changes) {
      const cache = createStageCache();
      let t0 = performance.now();
      runPipeline(cfg(`sys=${sys}`), { cache, series });
      full.push(ms(t0));
      t0 = performance.now();
      const r = runPipeline(cfg(`sys=${sys}&${change}`), { cache, series });
      (warm[key] ??= { ms: [], cached: [] }).ms.push(ms(t0));
      warm[key].cached = r.stages.filter((s) => s.cached).map((s) => s.stage);
    }
  }
  return {
    sys,
    fullMsMedian: median(full),
    changes: Object.fromEntries(
      Object.entries(warm).map(([k, v]) => [
        k,
        {
          msMedian: median(v.ms),
          ratioToFull: Math.round((median(v.ms) / median(full)) * 1000) / 1000,
          cached: v.cached,
        },
      ]),
    ),
  };
});
const doc = { runs: RUNS, cpus: cpus().length, node: process.version, results };
writeReport('bench-stages', doc);
