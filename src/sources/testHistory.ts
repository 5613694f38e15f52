/**
 * The true past of each test start (what a model with memory, e.g. the echo state network, needs
 * to warm up on). On chaotic systems a test start is the end of a transient integrated from a
 * random point of the box (src/sources/dataset.ts drawStart), so its past exists: this module
 * replays the data stream's draws in buildDataset's order (training starts, then test starts;
 * integration draws nothing) and keeps the last `warm` states of each test start's transient.
 * Each window's last row is checked to equal the data stage's test start bit for bit.
 *
 * Systems without a transient (non-chaotic: the start is drawn directly) have no past; asking for
 * a warm-up there is an error naming the field, never an invented history.
 */
import type { Rng } from '../numerics/rng';
import { createPlantStepper } from './dataset';
import type { SystemSpec } from './systems/types';

/** The number of transient steps before each test start (0: the start has no past). */
export function transientSteps(spec: SystemSpec, dt: number): number {
  return spec.chaotic ? Math.ceil(spec.transientTime / dt) : 0;
}

/**
 * Windows of w+1 true states ending at each test start: ntest×(w+1)×d. `rng` must be a fresh copy
 * of the stream buildDataset drew from (free systems: p = 0 inputs).
 */
export function testHistories(
  spec: SystemSpec,
  params: Record<string, number>,
  o: { dt: number; ntraj: number; ntest: number; warm: number },
  rng: Rng,
  testStarts: Float64Array,
): Float64Array {
  const { dim: d } = spec;
  const { warm } = o;
  const transient = transientSteps(spec, o.dt);
  if (spec.inputs > 0) throw new RangeError('test histories are defined for free systems only');
  if (warm > transient)
    throw new RangeError(
      transient === 0
        ? `esnwarm must be 0 for ${spec.label}: its test starts are drawn directly and have no past to warm up on (choose a chaotic system, or esnwarm=0)`
        : `esnwarm must be ≤ ${transient} for ${spec.label} at dt = ${o.dt} (the test starts' past is their ${transient}-step transient)`,
    );
  const draw = () => Float64Array.from(spec.initialBox, ([lo, hi]) => rng.range(lo, hi));
  for (let j = 0; j < o.ntraj; j++) draw(); // training starts: their draws only
  const out = new Float64Array(o.ntest * (warm + 1) * d);
  const step = createPlantStepper(spec, params, o.dt);
  for (let j = 0; j < o.ntest; j++) {
    const x = draw();
    const base = j * (warm + 1) * d;
    for (let s = 0; s < transient; s++) {
      const k = s - (transient - warm); // window row of the state before this step
      if (k >= 0) out.set(x, base + k * d);
      step(x);
    }
    out.set(x, base + warm * d);
    for (let c = 0; c < d; c++)
      if (!Object.is(x[c], testStarts[j * d + c]))
        throw new Error(`test history ${j} does not end at its test start (draw order changed?)`);
  }
  return out;
}
