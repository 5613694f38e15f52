/**
 * The control task: the true system, integrated by RK4 with the input held over each Δt, driven
 * by the MPC that plans on the learned model (feedback: the measured true state is re-lifted every
 * step), next to the same system left alone (u = 0) from the same start.
 * Metric: mean ‖x_t − goal‖ over the states with t·Δt ∈ [T/3, T] (for T = 30: t ∈ [10, 30]).
 *
 * Integral action: the learned model's steady-state error would leave the loop short of a goal
 * that needs a steady input (measured: van der Pol to (0.5, 0) settles at x = 0.425). So the goal
 * handed to the MPC is shifted by the integrated error, g_eff ← g_eff + k_I·Δt·(goal − x_t), which
 * can only come to rest where x = goal. The shift is frozen while the input sits on its bound
 * (conditional integration: no wind-up during the saturated transient). k_I = 0 turns it off.
 */
import { median } from './metrics';
import type { Dictionary } from './sampling/hiddenLayer';
import { createMpc, type LiftedModel } from './mpc';

/**
 * The true system as the controller meets it: d states, p inputs, and a step over one Δt under
 * an input held constant (the host integrates it; the method never knows which system it is).
 */
export interface Plant {
  d: number;
  p: number;
  /** A fresh stepper: advances x (length d) in place by Δt under u (length p). */
  stepper(): (x: Float64Array, u: Float64Array) => void;
}

/** The closed loop: the true system driven by MPC on the learned lifted model, and the free run. */
export interface ClosedLoop {
  steps: number;
  dt: number;
  /** Start state and goal state (d each). */
  start: Float64Array;
  goal: Float64Array;
  /** (steps+1)×d: controlled and uncontrolled (u = 0) true trajectories. */
  x: Float64Array;
  free: Float64Array;
  /** steps×p: the applied input u_t (held over [tΔt, (t+1)Δt)). */
  u: Float64Array;
  /** Stage cost ‖x_t − goal‖² + r‖u_t‖² per step (steps), controlled and free. */
  stageCost: Float64Array;
  freeStageCost: Float64Array;
  /** Time window [t0, t1] (model time) of the mean-distance metric. */
  window: [number, number];
  /** Steps whose input sat on the bound |u| = u_max. */
  saturatedSteps: number;
  /** Largest number of active-set iterations one QP took. */
  qpIterationsMax: number;
  /** Wall times (ms): building the condensed MPC matrices, per-step QP median and max, whole loop. */
  timing: { designMs: number; stepMsMedian: number; stepMsMax: number; loopMs: number };
}

export interface ClosedLoopOptions {
  dt: number;
  /** Closed-loop time T (model time); steps = round(T/Δt). */
  time: number;
  start: Float64Array;
  goal: Float64Array;
  horizon: number;
  inputWeight: number;
  umax: number;
  /** Integral gain k_I ≥ 0 (1/time). */
  integralGain: number;
}

/** Mean ‖x_k − goal‖ over the states k = ⌈steps/3⌉ … steps (t = k·Δt ∈ [T/3, T]). */
export function meanDistance(x: Float64Array, goal: Float64Array, steps: number): number {
  const d = goal.length;
  const from = Math.ceil(steps / 3 - 1e-9);
  let s = 0;
  for (let k = from; k <= steps; k++) {
    let q = 0;
    for (let i = 0; i < d; i++) q += (x[k * d + i] - goal[i]) ** 2;
    s += Math.sqrt(q);
  }
  return s / (steps - from + 1);
}

function stageCosts(
  x: Float64Array,
  u: Float64Array,
  goal: Float64Array,
  r: number,
  steps: number,
  p: number,
): Float64Array {
  const d = goal.length;
  const out = new Float64Array(steps);
  for (let k = 0; k < steps; k++) {
    let q = 0;
    for (let i = 0; i < d; i++) q += (x[k * d + i] - goal[i]) ** 2;
    for (let i = 0; i < p; i++) q += r * u[k * p + i] ** 2;
    out[k] = q;
  }
  return out;
}

export function runClosedLoop(
  plant: Plant,
  model: LiftedModel,
  dict: Dictionary,
  o: ClosedLoopOptions,
): ClosedLoop {
  const { d, p } = plant;
  const steps = Math.max(1, Math.round(o.time / o.dt));
  const t0 = performance.now();
  // The MPC reads its goal from this array at every step: the integral action moves it.
  const goalEff = Float64Array.from(o.goal);
  const mpc = createMpc(
    model,
    { horizon: o.horizon, inputWeight: o.inputWeight, umax: o.umax, goal: goalEff },
    dict,
  );
  const step = plant.stepper();
  const x = new Float64Array((steps + 1) * d);
  const u = new Float64Array(steps * p);
  const state = Float64Array.from(o.start);
  x.set(state, 0);
  const stepMs = new Float64Array(steps);
  let saturated = 0;
  let qpMax = 0;
  for (let k = 0; k < steps; k++) {
    const s0 = performance.now();
    const { u: move, qp } = mpc.step(x, k * d);
    stepMs[k] = performance.now() - s0;
    qpMax = Math.max(qpMax, qp.iterations);
    u.set(move, k * p);
    const onBound = move.some((v) => Math.abs(v) >= o.umax * (1 - 1e-12));
    if (onBound) saturated++;
    step(state, move);
    if (!state.every((v) => Number.isFinite(v) && Math.abs(v) < 1e12))
      throw new RangeError(
        `the closed loop blew up at step ${k + 1}; choose a smaller dt or u_max`,
      );
    x.set(state, (k + 1) * d);
    if (!onBound)
      for (let i = 0; i < d; i++) goalEff[i] += o.integralGain * o.dt * (o.goal[i] - state[i]);
  }
  const loopMs = performance.now() - t0;
  const zero = new Float64Array(steps * p); // the free run's input
  const free = freeRun(plant, o.start, zero, steps);
  return {
    steps,
    dt: o.dt,
    start: Float64Array.from(o.start),
    goal: Float64Array.from(o.goal),
    x,
    free,
    u,
    stageCost: stageCosts(x, u, o.goal, o.inputWeight, steps, p),
    freeStageCost: stageCosts(free, zero, o.goal, o.inputWeight, steps, p),
    window: [(steps * o.dt) / 3, steps * o.dt],
    saturatedSteps: saturated,
    qpIterationsMax: qpMax,
    timing: {
      designMs: mpc.designMs,
      stepMsMedian: median(stepMs),
      stepMsMax: Math.max(...stepMs),
      loopMs,
    },
  };
}

/** The plant left alone (u = 0) from `start`: (steps+1)×d states. */
function freeRun(plant: Plant, start: Float64Array, zero: Float64Array, steps: number) {
  const { d, p } = plant;
  const step = plant.stepper();
  const out = new Float64Array((steps + 1) * d);
  const x = Float64Array.from(start);
  out.set(x, 0);
  for (let k = 0; k < steps; k++) {
    step(x, zero.subarray(k * p, (k + 1) * p));
    if (!x.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e12))
      throw new RangeError(`the uncontrolled run blew up at step ${k + 1}; choose a smaller dt`);
    out.set(x, (k + 1) * d);
  }
  return out;
}
