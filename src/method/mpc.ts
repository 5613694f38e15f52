/**
 * Model-predictive control on the learned lifted model (Korda & Mezić, Automatica 93, 2018):
 *
 *   z_{k+1} = K z_k + B u_k,  x_k = C z_k,  z_0 = Ψ(x_measured)     (K: m×m, B: m×p, C: d×m)
 *   minimise Σ_{k=1}^{N} ‖x_k − g‖² + r Σ_{k=0}^{N−1} ‖u_k‖²   subject to |u_k,i| ≤ u_max.
 *
 * Condensed form: stacking X = [x_1; …; x_N] = F z_0 + G U with F = [CK; CK²; …; CK^N] ((N·d)×m)
 * and the block lower-triangular G, G_{k,j} = C K^{k−j} B for j ≤ k (Markov parameters), the cost
 * is ½ Uᵀ H U + fᵀ U + const with H = 2(GᵀG + rI) and f = 2 Gᵀ(F z_0 − [g; …; g]). H and G are
 * built once (design); each step only lifts the measured state, forms f (O(N·d·m + N²·d·p)),
 * solves the box QP (src/numerics/boxQp.ts) and applies the first move u_0 (receding horizon).
 *
 * The constant feature. Ψ's last entry is 1 for every state, so K has λ ≈ 1 there and B's row is
 * ≈ 0: a mode no input can move. A plain infinite-horizon LQR — Riccati iteration
 * P ← CᵀQC + KᵀPK − KᵀPB(R + BᵀPB)⁻¹BᵀPK on the full lifted state — does not converge, because
 * the cost charges that mode whenever C's constant column (the readout's offset) or the goal is
 * non-zero, and an uncontrollable mode with |λ| = 1 accrues that cost forever. This controller
 * never iterates a Riccati equation: over a finite horizon the constant feature is a known input
 * of the prediction (its contribution sits in F z_0 through C K^k's last column), and the cost
 * is charged on the physical output x − g, never on z. The tests show both: the plain Riccati
 * iteration's P grows without bound on a learned model, and the MPC stabilises a linear system.
 */
import type { Dictionary } from './sampling/hiddenLayer';
import { solveBoxQp, type BoxQpResult } from '../numerics/boxQp';
import { markovParameters, outputPowers } from './liftedPowers';

/** The lifted linear model the controller plans with. */
export interface LiftedModel {
  d: number;
  m: number;
  p: number;
  K: Float64Array;
  B: Float64Array;
  C: Float64Array;
}

export interface MpcSettings {
  /** Horizon N ≥ 1 (steps), input weight r ≥ 0, bound u_max > 0, goal g (d). */
  horizon: number;
  inputWeight: number;
  umax: number;
  goal: Float64Array;
}

export interface MpcController {
  /** Condensed matrices: F ((N·d)×m), G ((N·d)×(N·p)), H ((N·p)×(N·p)). */
  F: Float64Array;
  G: Float64Array;
  H: Float64Array;
  /** Wall time (ms) of building F, G, H. */
  designMs: number;
  /** The first move u_0 (p) for lifted state z0 (m), and the QP's report. */
  stepLifted(z0: Float64Array): { u: Float64Array; qp: BoxQpResult };
  /** Lifts the measured state x (d) with the dictionary, then stepLifted. */
  step(x: Float64Array, xOffset?: number): { u: Float64Array; qp: BoxQpResult };
}

function check(s: MpcSettings): void {
  if (!Number.isInteger(s.horizon) || s.horizon < 1)
    throw new RangeError(`MPC horizon must be an integer ≥ 1 (got ${s.horizon})`);
  if (!(s.umax > 0)) throw new RangeError(`u_max must be > 0 (got ${s.umax})`);
  if (!(s.inputWeight >= 0))
    throw new RangeError(`input weight r must be ≥ 0 (got ${s.inputWeight})`);
}

/** Builds the condensed MPC of a lifted model; `dict` lifts measured states (may be null for stepLifted only). */
export function createMpc(
  model: LiftedModel,
  s: MpcSettings,
  dict: Dictionary | null,
): MpcController {
  check(s);
  const { d, m, p, K, B, C } = model;
  const N = s.horizon;
  const nu = N * p;
  const ny = N * d;
  const t0 = performance.now();
  const F = outputPowers(C, K, d, m, N);
  const gamma = markovParameters(C, F, B, d, m, p, N);
  // G: x_{k+1} (block row k) depends on u_j (block column j ≤ k) through Γ_{k−j}.
  const G = new Float64Array(ny * nu);
  for (let k = 0; k < N; k++)
    for (let j = 0; j <= k; j++)
      for (let i = 0; i < d; i++)
        for (let c = 0; c < p; c++)
          G[(k * d + i) * nu + j * p + c] = gamma[((k - j) * d + i) * p + c];
  // H = 2(GᵀG + rI); a floor of 1e-12·mean diag keeps it SPD when r = 0 and G is rank-deficient.
  const H = new Float64Array(nu * nu);
  for (let a = 0; a < nu; a++)
    for (let b = a; b < nu; b++) {
      let sum = 0;
      for (let r = 0; r < ny; r++) sum += G[r * nu + a] * G[r * nu + b];
      H[a * nu + b] = H[b * nu + a] = 2 * sum;
    }
  let trace = 0;
  for (let a = 0; a < nu; a++) trace += H[a * nu + a];
  const floor = 1e-12 * (trace / nu) + 1e-300;
  for (let a = 0; a < nu; a++) H[a * nu + a] += 2 * s.inputWeight + floor;
  let frob = 0;
  for (let k = 0; k < H.length; k++) frob += H[k] * H[k];
  const lipschitz = Math.sqrt(frob);
  const designMs = performance.now() - t0;

  const lo = new Float64Array(nu).fill(-s.umax);
  const hi = new Float64Array(nu).fill(s.umax);
  const e = new Float64Array(ny);
  const f = new Float64Array(nu);
  let warm = new Float64Array(nu);
  const z = new Float64Array(m);

  const stepLifted = (z0: Float64Array) => {
    for (let r = 0; r < ny; r++) {
      let sum = -s.goal[r % d];
      for (let j = 0; j < m; j++) sum += F[r * m + j] * z0[j];
      e[r] = sum;
    }
    for (let a = 0; a < nu; a++) {
      let sum = 0;
      for (let r = 0; r < ny; r++) sum += G[r * nu + a] * e[r];
      f[a] = 2 * sum;
    }
    const qp = solveBoxQp(H, f, lo, hi, { start: warm, lipschitz });
    // Warm start of the next step: this plan shifted by one move, the last move repeated.
    warm = new Float64Array(nu);
    warm.set(qp.u.subarray(p));
    warm.set(qp.u.subarray(nu - p), nu - p);
    return { u: qp.u.slice(0, p), qp };
  };
  return {
    F,
    G,
    H,
    designMs,
    stepLifted,
    step(x, xOffset = 0) {
      if (!dict) throw new Error('createMpc: step() needs the dictionary that lifts states');
      dict.lift(x, xOffset, z, 0);
      return stepLifted(z);
    },
  };
}
