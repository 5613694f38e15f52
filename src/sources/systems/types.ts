/**
 * A continuous-time system x' = f(x, u; p) the lab can simulate, with p ≥ 0 inputs u held constant
 * over each Δt (zero-order hold). A free system is the case p = 0. States are R^d column vectors.
 */
export interface ParamSpec {
  /** Query key, e.g. 'mu'. Unique across all systems. */
  key: string;
  label: string;
  default: number;
  min: number;
  max: number;
  unit: string;
  doc: string;
}

export interface ReferenceFact {
  /** Parameter values for which the fact holds (compared exactly against the run's parameters). */
  when: Record<string, number>;
  /** Limit-cycle angular frequency ω (rad per model time unit). */
  omega?: number;
  /** Limit-cycle period 2π/ω. */
  period?: number;
  /** Floquet exponent of the cycle's transverse direction (1/time). */
  floquet?: number;
  /** Largest Lyapunov exponent λ_max (1/time); the Lyapunov time is 1/λ_max. */
  lyapunov?: number;
  note: string;
}

export interface SystemSpec {
  id: string;
  label: string;
  dim: number;
  /** Names of the state components, used for plot axes and CSV columns. */
  stateNames: string[];
  params: ParamSpec[];
  /** Number of inputs p ≥ 0 (0: a free system) and their names (length p). */
  inputs: number;
  inputNames: string[];
  /** What the input is physically, for labels ("force added to y′"); '' when p = 0. */
  inputDoc: string;
  /** Controlled systems: one sentence on the control task (shown above the closed-loop plot). */
  taskNote: string;
  /** Right-hand side: writes f(x, u; p) into out (length dim); u has length `inputs`. */
  rhs(x: Float64Array, u: Float64Array, p: Record<string, number>, out: Float64Array): void;
  /**
   * Jacobian ∂f/∂x at (x, u; p), written into out as d×d row-major (out[i·d + j] = ∂f_i/∂x_j).
   * Optional: the Lyapunov spectrum of the true system (src/method/lyapunov.ts) needs it.
   */
  jacobian?(x: Float64Array, u: Float64Array, p: Record<string, number>, out: Float64Array): void;
  /** Box [lo_i, hi_i] from which training and test initial conditions are drawn uniformly. */
  initialBox: Array<[number, number]>;
  /** Largest RK4 sub-step (model time) that keeps the integration error far below the data's. */
  maxStep: number;
  /** Chaotic systems: train on a long trajectory after a discarded transient (model time). */
  chaotic: boolean;
  transientTime: number;
  /** Defaults of the data/model/forecast settings that suit this system (query keys → value). */
  defaults: Record<string, number>;
  facts: ReferenceFact[];
}
