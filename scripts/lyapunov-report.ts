/**
 * The numbers issue 14 asks for on the surrogate's long-term behaviour, printed as one JSON
 * document on stdout (progress on stderr):
 *
 * 1. Lorenz, width 1000, 20 000 pairs, seeds 1–5, SWIM and random features: the surrogate's
 *    Lyapunov spectrum (λ₁, λ₂, λ₃, Σλ, Kaplan–Yorke) and the true system's from the same
 *    estimator and start (src/run/analysis.ts), against λ₁ = 0.9056 and Σλ = −(σ + 1 + β).
 * 2. Long-term statistics (W₁ of the marginals relative to the true std, Hellinger distance of the
 *    power spectra, the joint density's Hellinger distance, escape step) for Lorenz and Rössler:
 *    SWIM, random features, and a deliberately poor model (width 50), next to the floor of two
 *    stretches of the true system.
 *
 * usage: npx tsx scripts/lyapunov-report.ts [--steps N] [--seeds 1,2,3,4,5] [--stats-seeds 1,2,3]
 *        (defaults: 100 000 steps for both analyses; several minutes on two cores)
 */
import { analyse, type LyapunovAnalysis, type StatsAnalysis } from '../src/run/analysis';
import { parseQuery } from '../src/run/query';
import { createStageCache } from '../src/run/stageCache';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}
const steps = Number(arg('--steps', '100000'));
const seeds = arg('--seeds', '1,2,3,4,5').split(',').map(Number);
const statsSeeds = arg('--stats-seeds', '1,2,3').split(',').map(Number);
const SAMPLERS = ['swim', 'random'] as const;
const LAMBDA1 = 0.9056;
const LORENZ_SUM = -(10 + 1 + 8 / 3);

function configOf(q: string) {
  const { config, errors } = parseQuery(q, 'strict');
  if (errors.length) throw new Error(`${q}: ${errors[0].message}`);
  return config;
}

const r4 = (v: number | null) => (v === null || !Number.isFinite(v) ? null : +v.toFixed(4));
const log = (s: string) => process.stderr.write(s + '\n');

function meanSpread(xs: number[]) {
  const ok = xs.filter(Number.isFinite);
  if (ok.length === 0) return { mean: null, min: null, max: null, std: null };
  const mean = ok.reduce((s, v) => s + v, 0) / ok.length;
  const std = Math.sqrt(ok.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, ok.length - 1));
  return { mean: r4(mean), std: r4(std), min: r4(Math.min(...ok)), max: r4(Math.max(...ok)) };
}

function spectrumRow(a: LyapunovAnalysis['surrogate']) {
  return {
    exponents: Array.from(a.exponents, r4),
    sum: r4(a.sum),
    kaplanYorke: r4(a.kaplanYorke),
    leftAt: a.leftAt,
  };
}

function statsRow(a: StatsAnalysis) {
  return {
    leftAt: a.leftAt,
    wassersteinRel: a.stats.components.map((c) => r4(c.wassersteinRel)),
    spectrumHellinger: a.stats.components.map((c) => r4(c.spectrumHellinger)),
    density2dHellinger: r4(a.stats.density2d.hellinger),
    floorWassersteinRel: a.floor.components.map((c) => r4(c.wassersteinRel)),
    floorSpectrumHellinger: a.floor.components.map((c) => r4(c.spectrumHellinger)),
    floorDensity2dHellinger: r4(a.floor.density2dHellinger),
  };
}

const t0 = performance.now();
const report: Record<string, unknown> = { steps, generated: new Date().toISOString() };

// 1. Lorenz Lyapunov spectra (and, from the same trained models, the long-term statistics).
const lyap: Record<string, unknown[]> = { swim: [], random: [] };
const lorenzStats: Record<string, unknown[]> = {
  swim: [],
  random: [],
  poor_swim: [],
  poor_random: [],
};
const collect: Record<
  string,
  { l1: number[]; l2: number[]; l3: number[]; sum: number[]; ky: number[] }
> = {};
const truthSums: number[] = [];
const truthL1: number[] = [];
for (const sampler of SAMPLERS) {
  collect[sampler] = { l1: [], l2: [], l3: [], sum: [], ky: [] };
  for (const seed of seeds) {
    const q = `sys=lorenz&width=1000&len=20000&seed=${seed}&sampler=${sampler}`;
    const config = configOf(q);
    const cache = createStageCache();
    const a = analyse(config, 'lyapunov', { cache, steps });
    const s = a.surrogate.exponents;
    collect[sampler].l1.push(s[0]);
    collect[sampler].l2.push(s[1]);
    collect[sampler].l3.push(s[2]);
    collect[sampler].sum.push(a.surrogate.sum);
    collect[sampler].ky.push(a.surrogate.kaplanYorke);
    truthSums.push(a.truth.sum);
    truthL1.push(a.truth.exponents[0]);
    lyap[sampler].push({
      query: q,
      surrogate: spectrumRow(a.surrogate),
      truth: spectrumRow(a.truth),
      referenceSum: r4(a.reference.sum),
      ms: Math.round(a.timingsMs.total),
    });
    log(
      `lorenz ${sampler} seed ${seed}: surrogate λ = ${Array.from(s, (v) => v.toFixed(4)).join(', ')}` +
        ` Σ = ${a.surrogate.sum.toFixed(3)}; truth λ₁ = ${a.truth.exponents[0].toFixed(4)} Σ = ${a.truth.sum.toFixed(4)}` +
        ` (${(a.timingsMs.total / 1000).toFixed(1)} s)`,
    );
    if (statsSeeds.includes(seed)) {
      const st = analyse(config, 'stats', { cache, steps });
      lorenzStats[sampler].push({ query: q, ...statsRow(st) });
      log(`  stats: ${JSON.stringify(statsRow(st))}`);
    }
  }
}
report.lorenzLyapunov = {
  reference: { lambda1: LAMBDA1, sum: r4(LORENZ_SUM) },
  summary: Object.fromEntries(
    SAMPLERS.map((s) => [
      s,
      {
        lambda1: meanSpread(collect[s].l1),
        lambda2: meanSpread(collect[s].l2),
        lambda3: meanSpread(collect[s].l3),
        sum: meanSpread(collect[s].sum),
        kaplanYorke: meanSpread(collect[s].ky),
        lambda1WithinThreePercent: collect[s].l1.every((v) => Math.abs(v / LAMBDA1 - 1) < 0.03),
        lambda2BelowTwoHundredths: collect[s].l2.every((v) => Math.abs(v) < 0.02),
        sumRelativeError: meanSpread(collect[s].sum.map((v) => v / LORENZ_SUM - 1)),
      },
    ]),
  ),
  truth: {
    lambda1: meanSpread(truthL1),
    sum: meanSpread(truthSums),
    sumWithinOnePercent: truthSums.every((v) => Math.abs(v / LORENZ_SUM - 1) < 0.01),
    lambda1WithinThreePercent: truthL1.every((v) => Math.abs(v / LAMBDA1 - 1) < 0.03),
  },
  runs: lyap,
};

// 2. Long-term statistics: poor Lorenz models, then Rössler (defaults and width 50).
for (const sampler of SAMPLERS)
  for (const seed of statsSeeds) {
    const q = `sys=lorenz&width=50&len=20000&seed=${seed}&sampler=${sampler}`;
    const st = analyse(configOf(q), 'stats', { steps });
    lorenzStats[`poor_${sampler}`].push({ query: q, ...statsRow(st) });
    log(`lorenz poor ${sampler} seed ${seed}: ${JSON.stringify(statsRow(st))}`);
  }
report.lorenzStats = lorenzStats;

const rosslerStats: Record<string, unknown[]> = {
  swim: [],
  random: [],
  poor_swim: [],
  poor_random: [],
};
for (const sampler of SAMPLERS)
  for (const [label, width] of [
    [sampler, ''],
    [`poor_${sampler}`, '&width=50'],
  ] as const)
    for (const seed of statsSeeds) {
      const q = `sys=rossler&seed=${seed}&sampler=${sampler}${width}`;
      const st = analyse(configOf(q), 'stats', { steps });
      rosslerStats[label].push({ query: q, ...statsRow(st) });
      log(`rossler ${label} seed ${seed}: ${JSON.stringify(statsRow(st))}`);
    }
report.rosslerStats = rosslerStats;
report.seconds = Math.round((performance.now() - t0) / 1000);
process.stdout.write(JSON.stringify(report, null, 1) + '\n');
