/**
 * Measured series (weather records, a user's CSV): the table is standardised on its training rows
 * and delay-embedded (METHOD.md §1); every target of the test period is forecast 1 and H steps
 * ahead by the re-lifted RNN from origins H steps before it, next to persistence and climatology
 * (per variable, physical units). The standard metrics compare the first d embedded entries (the
 * forecast variables) in standardised units, so variables of different units weigh equally; VPT
 * is in steps (days for weather), with ε fixed at its default (not a series setting).
 */
import { oneStepMse, scoreForecasts } from '../../method/metrics';
import {
  divergencesOf,
  blowupBox,
  rolloutLinear,
  rolloutRelift,
  type RolloutOutput,
} from '../../method/rollout';
import type { TrajectorySet } from '../../numerics/trajectorySet';
import { componentStats } from '../../sources/dataset';
import { climatology, persistence, targetCount, targetTruth } from '../../sources/series/baselines';
import {
  embedWindows,
  trainingSet,
  trainStandardiser,
  type Standardiser,
} from '../../sources/series/embed';
import {
  firstEntries,
  physical,
  singlePairs,
  testWindows,
  trainStates,
} from '../../sources/series/windows';
import { standardMetrics, testPart, TRAIN_MSE_PAIRS } from '../assess';
import type { RunResult } from '../result';
import { FIELD_BY_KEY } from '../schema';
import { atHorizon } from '../series/forecast';
import { baselineWins, seriesMetrics, type SeriesForecasts } from '../series/report';
import { planFor, type PlannedRun } from '../series/sources';
import { textHash } from '../stageCache';
import { fitWarnings } from '../warnings';
import type { FamilyDef, Prepared } from './types';

export interface SeriesData extends Prepared {
  planned: PlannedRun;
  st: Standardiser;
  /** Embedded states of the n + H − 1 forecast origins (targetStart − H … targetEnd − 1). */
  starts: TrajectorySet;
  /** Number of test targets n and the long horizon H. */
  n: number;
  H: number;
}

export interface SeriesForecast {
  relift: RolloutOutput;
  linear: RolloutOutput;
  forecasts: SeriesForecasts;
}

export const seriesFamily: FamilyDef<SeriesData, SeriesForecast> = {
  family: 'series',
  // csvPlan reads the horizon (the test rows must fit it), and the data are the file's text.
  dataExtras: (config, source) => [
    config.horizon,
    source ? [source.name, textHash(source.text)] : null,
  ],
  data(config, _rng, source) {
    if (!source) throw new RangeError(`sys=${config.sys} needs its data file`);
    const planned = planFor(config, source);
    const { plan } = planned;
    const st = trainStandardiser(plan);
    const train = trainingSet(plan, st);
    const H = plan.horizon;
    const n = targetCount(plan);
    // Origins targetStart − H … targetEnd − 1: every target is reached at every horizon 1 … H.
    const origins = Array.from({ length: n + H - 1 }, (_, q) => plan.targetStart - H + q);
    const stats = componentStats(train);
    return {
      planned,
      st,
      starts: embedWindows(plan, st, origins, 1),
      n,
      H,
      train,
      pairs: singlePairs(train),
      mean: stats.mean,
      std: stats.std,
      box: blowupBox(train, stats.mean, stats.std),
      trainSample: trainStates(train, st),
      dim: plan.vars.length,
      stateNames: plan.vars.map((c) => plan.table.names[c]),
      dt: 1,
    };
  },
  forecast(_config, { data, model, fit }) {
    const { planned, st, starts, n, H, box } = data;
    const plan = planned.plan;
    const d = plan.vars.length;
    const relift = rolloutRelift(model.dict, fit.CK, starts.data, starts.d, H, box);
    const linear = rolloutLinear(model.dict, fit, starts.data.subarray(0, n * starts.d), H, box);
    const horizons = H === 1 ? [1] : [1, H];
    const forecasts: SeriesForecasts = {
      variables: data.stateNames,
      units: plan.vars.map((c) => plan.table.units[c]),
      horizons,
      truth: targetTruth(plan),
      rnn: horizons.map((h) => atHorizon(relift.x, n, H, h, starts.d, d, st.mean, st.std)),
      persistence: horizons.map((h) => persistence(plan, h)),
      climatology: climatology(plan),
    };
    return { relift, linear, forecasts };
  },
  assess(config, { data, model, fit, spectrum, forecast }) {
    const { planned, st, n, H } = data;
    const { plan, source: kind } = planned;
    const { relift, linear, forecasts } = forecast;
    const d = plan.vars.length;
    const D = data.train.d;
    const steps = H + 1;
    const win = testWindows(plan, st, n, H);
    const zr = firstEntries(relift.x, n, steps, D, d);
    const zl = firstEntries(linear.x, n, steps, D, d);
    const windowsOf = (r: typeof relift, x: Float64Array) => ({
      x,
      divergedAt: r.divergedAt.subarray(0, n),
    });
    const scores = scoreForecasts(win.z, windowsOf(relift, zr), windowsOf(linear, zl), {
      horizon: H,
      scale: Math.sqrt(d),
      eps: Number(FIELD_BY_KEY.eps.default(config.sys)),
      dt: 1,
    });
    // One step ahead of target q: step 1 of the rollout from origin q + H − 1.
    let test1 = 0;
    for (let q = 0; q < n; q++)
      for (let i = 0; i < d; i++)
        test1 +=
          (relift.x[((q + H - 1) * steps + 1) * D + i] - win.z.data[(q * steps + H) * d + i]) ** 2;
    const sm = seriesMetrics(forecasts);
    const metrics = {
      ...standardMetrics(scores, {
        trainMse: oneStepMse(model.dict, fit.CK, data.train, TRAIN_MSE_PAIRS, undefined, d),
        testMse: test1 / (n * d),
        headline: 'relift',
        relift,
        linear,
        lyapunov: null,
        spectrum,
      }),
      series: sm,
    };
    const divergences = divergencesOf(relift, linear);
    const stepWord = plan.step === 'day' ? 'day' : 'step';
    const climName = kind === 'weather' ? 'climatology' : 'the training mean';
    const diverged = divergences.filter((v) => v.rollout === 'relift').length;
    const warnings = [
      ...plan.table.warnings,
      ...baselineWins(sm, stepWord, climName).map((v) => v.text),
      ...(diverged ? [`${diverged} RNN forecasts diverged (NaN or blow-up)`] : []),
      ...fitWarnings(fit),
    ];
    return {
      metrics,
      test: testPart(scores, {
        count: n,
        horizon: H,
        truth: win.truth,
        relift: physical(zr, st),
        linear: physical(zl, st),
      }),
      divergences,
      warnings,
      // The model acts on the embedded state: its pairs' points are not phase-plane points.
      pairPoints: null,
      series: seriesPart(data, forecasts),
    };
  },
};

function seriesPart(data: SeriesData, f: SeriesForecasts): RunResult['series'] {
  const { planned, n } = data;
  const plan = planned.plan;
  return {
    source: planned.source,
    title: plan.title,
    splitText: plan.splitText,
    step: plan.step,
    delay: plan.delay,
    horizons: f.horizons,
    variables: f.variables,
    units: f.units,
    count: n,
    dates: plan.table.dates
      ? Array.from({ length: n }, (_, q) => plan.table.dates![plan.targetStart + q].text)
      : null,
    rows: Int32Array.from({ length: n }, (_, q) => plan.targetStart + q + 1),
    truth: f.truth,
    rnn: f.rnn,
    persistence: f.persistence,
    climatology: f.climatology,
    climatologyLabel: planned.climatologyLabel,
    mean: data.st.mean,
    std: data.st.std,
  };
}
