/**
 * The forecast stage's fan-out (src/method/parallelForecast.ts): for any number of pieces per kind
 * — more pieces than starts included, so some are empty — the joined rollouts, divergence marks
 * and one-step errors are bit for bit those of the serial calls. The pool here is the real op
 * runner (SERIAL.map) told that it has P threads: it cuts the work as a pool of P would and runs
 * every piece in this thread. The threads themselves are tested in pool.test.ts (golden bytes on
 * 1, 2 and 4 Node workers) and tests/e2e/pool.spec.ts (Chromium).
 */
import { describe, expect, it } from 'vitest';
import { oneStepMse } from '../../src/method/metrics';
import {
  forecastParallel,
  layerSpec,
  SERIAL,
  type Parallel,
  type ParallelFit,
} from '../../src/method/parallel';
import {
  rolloutLinear,
  rolloutRelift,
  type BlowupBox,
  type RolloutOutput,
} from '../../src/method/rollout';
import { runPipeline, type RunParts } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { TRAIN_MSE_PAIRS } from '../../src/run/assess';
import type { SimulatedData } from '../../src/run/families/simulated';
import type { TrajectorySet } from '../../src/numerics/trajectorySet';
import { trueTrajectories } from '../../src/sources/dataset';
import { bitsDiffer } from './bits';

function partsOf(query: string): RunParts {
  let parts: RunParts | null = null;
  runPipeline(parseQuery(query, 'strict').config, { inspect: (p) => (parts = p) });
  return parts!;
}

const pretend = (size: number): Parallel => ({ size, map: SERIAL.map });

function expectSameRollout(a: RolloutOutput, b: RolloutOutput): void {
  expect(bitsDiffer(a.x, b.x)).toBe(0);
  expect(Array.from(a.divergedAt)).toEqual(Array.from(b.divergedAt));
  expect(a.divergedReason).toEqual(b.divergedReason);
}

describe('forecastParallel', () => {
  const cases = [
    // POD-truncated Lorenz (Q present), 7 starts.
    'sys=lorenz&width=80&rank=30&len=3000&ntest=7&horizon=300&seed=2',
    // Untruncated van der Pol, 5 starts.
    'sys=vanderpol&width=60&ntraj=4&len=60&ntest=5&horizon=400',
  ];
  for (const query of cases)
    for (const tight of [false, true])
      it(`gives the serial bits on 1, 2, 3 and 9 threads${tight ? ', forecasts stopped by a tight blow-up box' : ''}: ${query}`, () => {
        const { data, model, fit } = partsOf(query);
        const sim = data as SimulatedData;
        const { config } = parseQuery(query, 'strict');
        const H = config.horizon;
        const truth: TrajectorySet = trueTrajectories(
          sim.spec,
          sim.params,
          sim.testStarts,
          null,
          H,
          config.dt,
        );
        // A box a twentieth of the usual size stops forecasts at different steps (the joins of
        // the divergence marks and of the NaN tails are then checked too).
        const box: BlowupBox = tight
          ? { mean: sim.box.mean, halfWidth: sim.box.halfWidth.map((h) => h / 20) }
          : sim.box;
        const relift = rolloutRelift(model.dict, fit.CK, sim.testStarts, fit.d, H, box);
        const linear = rolloutLinear(model.dict, fit, sim.testStarts, H, box);
        const trainMse = oneStepMse(model.dict, fit.CK, sim.train, TRAIN_MSE_PAIRS);
        const testMse = oneStepMse(model.dict, fit.CK, truth, Infinity);
        expect(Number.isFinite(trainMse) && Number.isFinite(testMse)).toBe(true);
        const stopped = [relift, linear].flatMap((o) => Array.from(o.divergedAt));
        expect(stopped.some((t) => t > 0)).toBe(tight);
        for (const P of [1, 2, 3, 9]) {
          const par: ParallelFit = { pool: pretend(P), layer: layerSpec(model.layer) };
          const f = forecastParallel(
            par,
            fit,
            sim.testStarts,
            truth,
            sim.train,
            TRAIN_MSE_PAIRS,
            H,
            box,
          );
          expectSameRollout(f.relift, relift);
          expectSameRollout(f.linear, linear);
          expect(Object.is(f.trainMse, trainMse), `train MSE, ${P} threads`).toBe(true);
          expect(Object.is(f.testMse, testMse), `test MSE, ${P} threads`).toBe(true);
        }
      });
});
