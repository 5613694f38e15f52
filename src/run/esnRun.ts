/**
 * The echo state network as a model of the same run (issue 13, `net=esn` on free systems): the
 * free family's data stage (the same training trajectories and test starts, under the same stage
 * key, so switching model reuses the data), then
 *   sample  — the reservoir (W_res scaled to spectral radius ρ, W_in, b; src/method/esn.ts),
 *   solve   — teacher-forced reservoir pass over the training data, Gram sums of [r; r²; 1] and
 *             the ridge readout (the project's Gram kernel and SPD solver),
 *   forecast— each test start's warm-up window (its true past: src/sources/testHistory.ts), the
 *             free-running forecasts, and the one-step MSEs,
 *   assess  — the same scoring as the sampled network (src/method/metrics.ts scoreForecasts).
 * The result has the RunResult shape: the ESN has one forecast, reported in both rollout slots
 * (relift = linear = ESN), the eigenvalues are those of the scaled reservoir matrix, and
 * model.W / model.b / model.C hold W_in, b and W_out. Pure and synchronous.
 */
import {
  buildReservoir,
  esnForecast,
  esnOneStepMse,
  fitEsn,
  trainWashout,
  type EsnModel,
  type Reservoir,
} from '../method/esn';
import { scoreForecasts, spectrumStats } from '../method/metrics';
import { divergencesOf } from '../method/rollout';
import { defaultKernel } from '../numerics/kernels/gramKernels';
import { createRng } from '../numerics/rng';
import { trueTrajectories } from '../sources/dataset';
import { testHistories } from '../sources/testHistory';
import { standardMetrics, testPart } from './assess';
import { simulatedData, type SimulatedData } from './families/simulated';
import type { SpectrumPart } from './families/types';
import { createPhaseClock } from './phaseClock';
import { serializeQuery } from './query';
import { familyOf, referenceFactFor } from './registry';
import type { Phase, Progress, RunResult, StageTiming } from './result';
import { FIELDS, type Group, type RunConfig } from './schema';
import { createStageCache, stageKey, type StageCache, type StageName } from './stageCache';
import { censoredWarning, divergenceWarnings } from './warnings';

export interface EsnRunOptions {
  onProgress?: (p: Progress) => void;
  cache?: StageCache;
  signal?: AbortSignal;
}

const PHASE_OF: Partial<Record<StageName, Phase>> = {
  data: 'data',
  sample: 'sample',
  solve: 'solve',
  spectrum: 'spectrum',
  forecast: 'forecast',
  assess: 'forecast',
};

/** Whether a config asks for the echo state network. */
export function isEsnConfig(config: RunConfig): boolean {
  return config.net === 'esn';
}

/** The values of every field of the given groups (as the sampled pipeline keys its stages). */
function readsOf(config: RunConfig, groups: Group[], except: string[] = []): unknown[] {
  return FIELDS.filter((f) => groups.includes(f.group) && !except.includes(f.key)).map(
    (f) => config[f.key],
  );
}

interface EsnForecasts {
  truth: ReturnType<typeof trueTrajectories>;
  out: ReturnType<typeof esnForecast>;
  trainMse: number;
  testMse: number;
}

export function runEsnPipeline(config: RunConfig, opts: EsnRunOptions = {}): RunResult {
  if (familyOf(config.sys) !== 'free')
    throw new RangeError(`net=esn is available for free systems only, not '${config.sys}'`);
  const cache = opts.cache ?? createStageCache();
  const clock = createPhaseClock(opts.onProgress);
  const stages: StageTiming[] = [];
  // The same stream order as the sampled pipeline: the data stream is the first fork, so the
  // training data and test starts are identical; the reservoir draws from the second (sample).
  const rng = createRng(config.seed);
  const streams = { data: rng.fork(), sample: rng.fork() };

  const stage = <T>(name: StageName, key: string, compute: (p: (f: number) => void) => T): T => {
    opts.signal?.throwIfAborted();
    const phase = PHASE_OF[name] ?? 'forecast';
    clock.progress(phase, 0);
    const t0 = performance.now();
    let value = cache.get(name, key) as T | undefined;
    const cached = value !== undefined;
    if (value === undefined) {
      value = compute((f) => clock.progress(phase, f));
      cache.set(name, key, value);
    }
    clock.end(phase);
    stages.push({ stage: name, ms: performance.now() - t0, cached });
    return value;
  };

  // The sampled pipeline's data key (free family: no data extras), so the data stage is shared.
  const kData = stageKey('', [config.seed, ...readsOf(config, ['system', 'data'])]);
  const data: SimulatedData = stage('data', kData, () => simulatedData(config, streams.data));

  const settings = {
    size: config.esnsize as number,
    rho: config.esnrho as number,
    inScale: config.esnin as number,
    leak: config.esnleak as number,
    ridge: config.esnreg as number,
  };
  const warm = config.esnwarm as number;
  const kRes = stageKey(kData, ['esn', settings.size, settings.rho, settings.inScale]);
  const res: Reservoir = stage('sample', kRes, () =>
    buildReservoir(data.dim, settings, streams.sample),
  );
  const kFit = stageKey(kRes, [settings.leak, settings.ridge, warm]);
  const model: EsnModel = stage('solve', kFit, (progress) =>
    fitEsn(
      { ...res, leak: settings.leak },
      data.train,
      data.mean,
      data.std,
      settings.ridge,
      warm,
      progress,
    ),
  );
  const spectrum: SpectrumPart = stage('spectrum', stageKey(kRes, []), () => ({
    eig: res.eig,
    ...spectrumStats(res.eig),
    notes: [],
  }));

  const kForecast = stageKey(kFit, readsOf(config, ['forecast'], ['eps', 'rollout', 'errnorm']));
  const fc: EsnForecasts = stage('forecast', kForecast, (progress) => {
    const H = config.horizon;
    const windows = {
      count: config.ntest,
      warm,
      data: testHistories(
        data.spec,
        data.params,
        { dt: config.dt, ntraj: config.ntraj, ntest: config.ntest, warm },
        createRng(config.seed).fork(),
        data.testStarts,
      ),
    };
    const truth = trueTrajectories(data.spec, data.params, data.testStarts, null, H, config.dt);
    progress(0.3);
    const out = esnForecast(model, windows, H, data.box);
    progress(0.7);
    const washout = trainWashout(warm, data.train.points);
    const trainMse = esnOneStepMse(model, data.train, null, washout);
    const testMse = esnOneStepMse(model, truth, windows);
    return { truth, out, trainMse, testMse };
  });

  const kAssess = stageKey(kForecast, [config.eps, config.rollout, config.errnorm]);
  const assessed = stage('assess', kAssess, () => {
    const { horizon } = config;
    const scale = Math.sqrt(data.std.reduce((s, v) => s + v * v, 0));
    const scores = scoreForecasts(fc.truth, fc.out, fc.out, {
      horizon,
      scale: config.errnorm === 'component' ? data.std : scale,
      eps: config.eps,
      dt: config.dt,
    });
    const fact = referenceFactFor(config);
    const lyapunov = data.spec.chaotic && fact?.lyapunov ? fact.lyapunov : null;
    const metrics = standardMetrics(scores, {
      trainMse: fc.trainMse,
      testMse: fc.testMse,
      headline: 'relift',
      relift: fc.out,
      linear: fc.out,
      lyapunov,
      spectrum,
    });
    const test = testPart(scores, {
      count: fc.truth.count,
      horizon,
      truth: fc.truth.data,
      relift: fc.out.x,
      linear: fc.out.x,
    });
    const divergences = divergencesOf(fc.out, { ...fc.out, divergedAt: new Int32Array(0) });
    return { metrics, test, divergences };
  });
  const timings = clock.finish();
  const d = data.dim;
  const m = 2 * res.n + 1;
  return {
    family: 'free',
    config,
    query: serializeQuery(config),
    timingsMs: timings,
    stages,
    metrics: assessed.metrics,
    eigenvalues: spectrum.eig,
    spectrumRank: res.n,
    podResidual: null,
    ridge: { rel: settings.ridge, cv: null },
    warnings: [
      `echo state network: reservoir N = ${res.n}, ρ = ${settings.rho}, readout [r; r²; 1] (${m} features) fitted on ${model.pairs} training pairs; each test forecast warmed up on the ${warm} true states before its start; the one ESN forecast fills both rollout slots, and the eigenvalues shown are the reservoir matrix's`,
      ...(model.solveMethod !== 'cholesky'
        ? [
            `the readout's Gram matrix was numerically singular: solved by ${model.solveMethod} (raise esnreg)`,
          ]
        : []),
      ...divergenceWarnings(assessed.divergences, config.ntest, config.dt, {
        relift: 'ESN',
        linear: 'ESN',
      }),
      ...censoredWarning(assessed.metrics.vptCensored, config.ntest, config.eps, config.horizon),
    ],
    divergences: assessed.divergences,
    kernel: defaultKernel(),
    threads: 1,
    solveMethod: model.solveMethod,
    dim: d,
    stateNames: data.stateNames,
    dt: data.dt,
    trainSample: data.trainSample,
    model: {
      width: res.n,
      W: res.win,
      b: res.bias,
      pairs: null,
      pairPoints: null,
      K: new Float64Array(0),
      C: model.wout,
      CK: model.wout,
    },
    test: assessed.test,
  };
}
