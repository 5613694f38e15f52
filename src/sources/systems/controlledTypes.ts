/**
 * Controlled systems x' = f(x, u; p) with an input u ∈ R^p held constant over each Δt (zero-order
 * hold), and the plain-data result of a controlled run (EDMD with control, METHOD.md §3–4).
 */
import type { ParamSpec, ReferenceFact } from './types';

export interface ControlledSystemSpec {
  id: string;
  label: string;
  dim: number;
  stateNames: string[];
  /** Number of inputs p and their names (e.g. ['u']). */
  inputs: number;
  inputNames: string[];
  /** What the input is physically, for labels ("force on y'", "torque"). */
  inputDoc: string;
  params: ParamSpec[];
  /** Right-hand side f(x, u; p), written into out (length dim). */
  rhs(x: Float64Array, u: Float64Array, p: Record<string, number>, out: Float64Array): void;
  /** Box from which training and test initial conditions are drawn uniformly. */
  initialBox: Array<[number, number]>;
  /** Largest RK4 sub-step (model time). */
  maxStep: number;
  /** Defaults of data/model/forecast/control settings for this system (query key → value). */
  defaults: Record<string, number>;
  /** One sentence on the control task this system poses (shown above the closed-loop plot). */
  taskNote: string;
  facts: ReferenceFact[];
}

/** Test input signals for prediction under new inputs. */
export const INPUT_SIGNALS = ['sine', 'step', 'chirp', 'steps'] as const;
export type InputSignalKind = (typeof INPUT_SIGNALS)[number];

/** Prediction MSEs of one input signal: the model with B and the same model with B = 0. */
export interface InputErrorRow {
  kind: InputSignalKind;
  /** e.g. "sine, A = 1, ω = 1.5 rad/time". */
  label: string;
  /** MSE over steps 1…min(50, H) and over steps 1…H, averaged over test starts (null: diverged). */
  mse50: number | null;
  mse: number | null;
  mse50NoB: number | null;
  mseNoB: number | null;
}

/**
 * The chosen test signal's predictions. All arrays row-major; count test starts, H = horizon steps.
 * Forecasts are the re-lifted RNN x̂_{t+1} = C(K Ψ(x̂_t) + B u_t) (withB), the same with B = 0 (noB)
 * and the linear lifted model z_{t+1} = K z_t + B u_t, x̂ = C z (linear). NaN after a divergence.
 */
export interface InputPrediction {
  kind: InputSignalKind;
  label: string;
  count: number;
  horizon: number;
  /** u_t for t = 0…H−1 (H×p), the same signal for every test start. */
  u: Float64Array;
  /** count×(H+1)×d each. */
  truth: Float64Array;
  withB: Float64Array;
  noB: Float64Array;
  linear: Float64Array;
  /** Mean over test starts of ‖x̂_t − x_t‖ per step t = 0…H (length H+1). */
  errorWithB: Float64Array;
  errorNoB: Float64Array;
  errorLinear: Float64Array;
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

/** Deterministic numbers of a controlled run (part of `metrics`, compared byte for byte). */
export interface ControlMetrics {
  /** Chosen signal: prediction MSE over 50 and H steps, with B and with B = 0. */
  predMse50: number | null;
  predMse: number | null;
  predMse50NoB: number | null;
  predMseNoB: number | null;
  /** Mean ‖x_t − goal‖ over the metric window: closed loop, uncontrolled, and their ratio. */
  ctrlMeanDist: number;
  freeMeanDist: number;
  ctrlRatio: number;
  /** Σ stage cost over the closed loop and over the free run. */
  ctrlCost: number;
  freeCost: number;
  /** One row per input signal (the chosen one included). */
  inputs: InputErrorRow[];
}

export interface ControlResult {
  inputNames: string[];
  p: number;
  taskNote: string;
  /** B: m×p (m = M+1) and the RNN's input map C·B: d×p. */
  B: Float64Array;
  CB: Float64Array;
  prediction: InputPrediction;
  closedLoop: ClosedLoop;
}
