/**
 * Koopman eigenfunctions of an EDMD fit and their ResDMD residuals (METHOD.md §5, §12).
 *
 * Orientation. The fit (src/method/edmd.ts) solves Ψ(y_k) ≈ K Ψ(x_k) for the pairs (x_k, y_k),
 * with K = A (G + λI)⁻¹, G = Σ Ψ(x_k)Ψ(x_k)ᵀ and A = Σ Ψ(y_k)Ψ(x_k)ᵀ (m×m, m = M + 1,
 * Ψ(x) = [σ(Wx + b); 1]). K acts on the *values* of the dictionary, so an eigenfunction is a
 * combination of the dictionary functions whose coefficient vector is a LEFT eigenvector of K:
 *
 *   ξᴴ K = λ ξᴴ,  φ(x) = ξᴴ Ψ(x)  ⇒  φ(y) = ξᴴ Ψ(y) ≈ ξᴴ K Ψ(x) = λ φ(x).
 *
 * In the code an eigenfunction is stored as the complex vector w = conj(ξ) ∈ Cᵐ with
 * φ(x) = wᵀ Ψ(x) = Σ_i w_i Ψ_i(x) (no conjugation when evaluating). For a rank-r fit
 * (K_r = (QᵀAQ)(QᵀGQ + λI)⁻¹ acting on z = QᵀΨ), ξ_r is a left eigenvector of K_r and
 * w = Q conj(ξ_r) (m), since φ(x) = ξ_rᴴ Qᵀ Ψ(x).
 *
 * ResDMD residual (Colbrook & Townsend, "Rigorous data-driven computation of spectral properties
 * of Koopman operators for dynamical systems", Comm. Pure Appl. Math. 77 (2024)): the relative
 * one-step defect of the candidate eigenfunction on the data,
 *
 *   res(λ, w)² = Σ_k |φ(y_k) − λ φ(x_k)|² / Σ_k |φ(x_k)|²
 *              = (wᴴ L w − 2 Re(λ · wᴴ A w) + |λ|² wᴴ G w) / (wᴴ G w),
 *
 * with L = Σ Ψ(y_k)Ψ(y_k)ᵀ (wᴴ A w = Σ conj(φ(y_k)) φ(x_k), A real). All three sums are Gram
 * sums of the unregularised data; G and A are the fit's own sums. L is not accumulated by the fit,
 * but within a trajectory y_k is the next x, so L = G − Σ_j Ψ(x_{j,0})Ψ(x_{j,0})ᵀ +
 * Σ_j Ψ(x_{j,T})Ψ(x_{j,T})ᵀ (first and last state of every trajectory j): 2·count extra lifts.
 * A residual near 0 means φ(y) = λ φ(x) holds on the data: a trustworthy eigenpair; a residual of
 * order |λ| means the eigenvalue is spurious (an artefact of the finite dictionary).
 * The Gram form loses digits by cancellation: residuals below ~1e−7 are at rounding level.
 */
import { atan2Det } from '../numerics/atanDet';
import { eigenvectorsFor } from '../numerics/linalg/eigenvalues';
import type { TrajectorySet } from '../numerics/trajectorySet';
import { liftMany, type Dictionary } from './sampling/hiddenLayer';

/** An eigenfunction φ(x) = wᵀΨ(x) of a fit, w complex (length m, the dictionary size). */
export interface Eigenfunction {
  /** The eigenvalue λ. */
  re: number;
  im: number;
  /** w = conj(ξ) (Q conj(ξ_r) for a rank-r fit): real and imaginary parts, length m. */
  wRe: Float64Array;
  wIm: Float64Array;
  /**
   * The reduced coefficient vector conj(ξ_r) (length r; the same as w when untruncated), for the
   * ResDMD residual in the fit's own coordinates.
   */
  zRe: Float64Array;
  zIm: Float64Array;
  /** ‖(Kᵀ − λ̄ I) ξ‖₂ / ‖K‖_F of the inverse iteration (rounding level for a good eigenvector). */
  vectorResidual: number;
}

/**
 * The eigenfunction of the eigenvalue λ = (re, im) of K (r×r row-major).
 *
 * @param K Koopman matrix K (r = m) or K_r (r < m), r×r row-major.
 * @param r its order.
 * @param Q the POD basis (m×r row-major, orthonormal columns), or null when r = m.
 * @param m dictionary size.
 * @param re, im the eigenvalue (from `eigenvalues(K, r)`).
 * @returns the coefficients w (φ = wᵀΨ) scaled to unit 2-norm of the reduced vector.
 */
export function eigenfunctionOf(
  K: Float64Array,
  r: number,
  Q: Float64Array | null,
  m: number,
  re: number,
  im: number,
): Eigenfunction {
  if (Q === null && r !== m)
    throw new RangeError(`eigenfunctionOf: K is ${r}×${r} but the dictionary has m = ${m}`);
  const v = eigenvectorsFor(K, r, re, im, true); // Kᵀ v = λ̄ v, v = ξ
  const zRe = v.re;
  const zIm = v.im.map((x) => -x + 0); // conj(ξ); + 0 keeps +0
  let wRe = zRe;
  let wIm = zIm;
  if (Q) {
    wRe = new Float64Array(m);
    wIm = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let sr = 0;
      let si = 0;
      for (let a = 0; a < r; a++) {
        sr += Q[i * r + a] * zRe[a];
        si += Q[i * r + a] * zIm[a];
      }
      wRe[i] = sr;
      wIm[i] = si;
    }
  }
  return { re, im, wRe, wIm, zRe, zIm, vectorResidual: v.residual };
}

/**
 * φ_j(x) = w_jᵀΨ(x) at `count` states (count×d row-major), for every eigenfunction given.
 *
 * @returns per eigenfunction its values' real and imaginary parts (length count each).
 * Lifts in blocks of 512 states, so memory stays O(512·m) however many states.
 */
export function evaluateEigenfunctions(
  dict: Dictionary,
  fns: ReadonlyArray<Pick<Eigenfunction, 'wRe' | 'wIm'>>,
  states: Float64Array,
  count: number,
): Array<{ re: Float64Array; im: Float64Array }> {
  const { d, m } = dict;
  if (states.length < count * d)
    throw new RangeError(`evaluateEigenfunctions: need ${count}×${d} states`);
  for (const f of fns)
    if (f.wRe.length !== m || f.wIm.length !== m)
      throw new RangeError(`evaluateEigenfunctions: coefficients must have length m = ${m}`);
  const out = fns.map(() => ({ re: new Float64Array(count), im: new Float64Array(count) }));
  const block = 512;
  const psi = new Float64Array(block * m);
  for (let s = 0; s < count; s += block) {
    const rows = Math.min(block, count - s);
    liftMany(dict, states, s, rows, psi, 0);
    for (let j = 0; j < fns.length; j++) {
      const { wRe, wIm } = fns[j];
      const o = out[j];
      for (let k = 0; k < rows; k++) {
        let sr = 0;
        let si = 0;
        const base = k * m;
        for (let i = 0; i < m; i++) {
          const p = psi[base + i];
          sr += wRe[i] * p;
          si += wIm[i] * p;
        }
        o.re[s + k] = sr;
        o.im[s + k] = si;
      }
    }
  }
  return out;
}

/**
 * L = Σ_k Ψ(y_k)Ψ(y_k)ᵀ (m×m) from G = Σ_k Ψ(x_k)Ψ(x_k)ᵀ: within each trajectory the targets are
 * the next states, so L = G − Σ_j Ψ(x_{j,0})Ψ(x_{j,0})ᵀ + Σ_j Ψ(x_{j,T})Ψ(x_{j,T})ᵀ.
 *
 * @param G the fit's Gram sum; its top-left m×m block (row stride `stride` ≥ m) is read.
 * @param train the training trajectories the sums came from (count × points × d).
 */
export function targetGram(
  dict: Dictionary,
  train: TrajectorySet,
  G: Float64Array,
  stride: number,
): Float64Array {
  const m = dict.m;
  const n = train.count;
  // Ψ of every trajectory's first (a) and last (b) state, stored transposed (m×n: row p holds
  // feature p of every trajectory), so the sums below read contiguous rows.
  const psi = new Float64Array(m);
  const a = new Float64Array(m * n);
  const b = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    liftMany(dict, train.data, j * train.points, 1, psi, 0);
    for (let p = 0; p < m; p++) a[p * n + j] = psi[p];
    liftMany(dict, train.data, j * train.points + train.points - 1, 1, psi, 0);
    for (let p = 0; p < m; p++) b[p * n + j] = psi[p];
  }
  // L_pq = G_pq, then += b_p b_q − a_p a_q for j = 0, 1, … in order: the trajectories in the inner
  // loop (the element stays in a register), the same operations in the same order per element.
  const L = new Float64Array(m * m);
  for (let p = 0; p < m; p++)
    for (let q = 0; q < m; q++) {
      let s = G[p * stride + q];
      const bp = p * n;
      const bq = q * n;
      for (let j = 0; j < n; j++) s += b[bp + j] * b[bq + j] - a[bp + j] * a[bq + j];
      L[p * m + q] = s;
    }
  return L;
}

/** Qᵀ S Q (r×r) for S m×m and Q m×r (row-major). */
export function projectGram(S: Float64Array, m: number, Q: Float64Array, r: number): Float64Array {
  const SQ = new Float64Array(m * r);
  for (let i = 0; i < m; i++)
    for (let k = 0; k < m; k++) {
      const s = S[i * m + k];
      if (s === 0) continue;
      for (let a = 0; a < r; a++) SQ[i * r + a] += s * Q[k * r + a];
    }
  const out = new Float64Array(r * r);
  for (let i = 0; i < m; i++)
    for (let a = 0; a < r; a++) {
      const q = Q[i * r + a];
      if (q === 0) continue;
      for (let b = 0; b < r; b++) out[a * r + b] += q * SQ[i * r + b];
    }
  return out;
}

/** wᴴ S w for real S (n×n, row stride `stride`) and complex w: returns (re, im). */
function quadForm(
  S: Float64Array,
  stride: number,
  n: number,
  wr: Float64Array,
  wi: Float64Array,
): [number, number] {
  let re = 0;
  let im = 0;
  for (let i = 0; i < n; i++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const s = S[i * stride + j];
      sr += s * wr[j];
      si += s * wi[j];
    }
    // conj(w_i) · (S w)_i
    re += wr[i] * sr + wi[i] * si;
    im += wr[i] * si - wi[i] * sr;
  }
  return [re, im];
}

/**
 * ResDMD residual of the candidate eigenpair (λ, φ = wᵀΨ) from Gram sums (see the header):
 * res² = (wᴴLw − 2 Re(λ wᴴAw) + |λ|² wᴴGw) / wᴴGw, clamped at 0 (cancellation can make the
 * numerator slightly negative at rounding level).
 *
 * @param G Σ Ψ(x)Ψ(x)ᵀ, A Σ Ψ(y)Ψ(x)ᵀ, L Σ Ψ(y)Ψ(y)ᵀ: n×n, read with row stride `stride` (G and A
 *        of a fit with inputs have stride m + p; only the top-left n×n block is used).
 * @returns res ≥ 0 (dimensionless: relative to the RMS of φ on the data), NaN if wᴴGw = 0.
 */
export function resdmdResidual(
  sums: { G: Float64Array; A: Float64Array; L: Float64Array; n: number; strideGA?: number },
  lambdaRe: number,
  lambdaIm: number,
  wRe: Float64Array,
  wIm: Float64Array,
): number {
  const { n } = sums;
  const sGA = sums.strideGA ?? n;
  const [g] = quadForm(sums.G, sGA, n, wRe, wIm);
  const [l] = quadForm(sums.L, n, n, wRe, wIm);
  const [ar, ai] = quadForm(sums.A, sGA, n, wRe, wIm);
  return residualFromForms(lambdaRe, lambdaIm, g, l, ar, ai);
}

/**
 * The residual from its quadratic forms g = wᴴGw, l = wᴴLw and wᴴAw = ar + i·ai:
 * sqrt(max(0, l − 2 Re(λ·wᴴAw) + |λ|² g) / g), NaN if g ≤ 0.
 */
export function residualFromForms(
  lambdaRe: number,
  lambdaIm: number,
  g: number,
  l: number,
  ar: number,
  ai: number,
): number {
  if (!(g > 0)) return NaN;
  const num = l - 2 * (lambdaRe * ar - lambdaIm * ai) + (lambdaRe ** 2 + lambdaIm ** 2) * g;
  return Math.sqrt(Math.max(0, num) / g);
}

/**
 * The same residual by a direct pass over the pairs: sqrt(Σ|φ(y_k) − λφ(x_k)|² / Σ|φ(x_k)|²).
 * O(N·m) per eigenfunction; the reference the Gram form is tested against.
 */
export function directResidual(
  dict: Dictionary,
  train: TrajectorySet,
  lambdaRe: number,
  lambdaIm: number,
  fn: Pick<Eigenfunction, 'wRe' | 'wIm'>,
): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < train.count; j++) {
    const states = train.data.subarray(
      j * train.points * train.d,
      (j + 1) * train.points * train.d,
    );
    const [v] = evaluateEigenfunctions(dict, [fn], states, train.points);
    for (let t = 0; t + 1 < train.points; t++) {
      const er = v.re[t + 1] - (lambdaRe * v.re[t] - lambdaIm * v.im[t]);
      const ei = v.im[t + 1] - (lambdaRe * v.im[t] + lambdaIm * v.re[t]);
      num += er * er + ei * ei;
      den += v.re[t] ** 2 + v.im[t] ** 2;
    }
  }
  return Math.sqrt(num / den);
}

/**
 * Phase advance along a sequence of eigenfunction values φ(x_0), …, φ(x_T): the per-step angle
 * arg(φ(x_{t+1}) · conj(φ(x_t))) ∈ (−π, π] (radians per step, length T).
 */
export function phaseSteps(re: Float64Array, im: Float64Array): Float64Array {
  const T = re.length - 1;
  const out = new Float64Array(Math.max(0, T));
  for (let t = 0; t < T; t++) {
    const cr = re[t + 1] * re[t] + im[t + 1] * im[t];
    const ci = im[t + 1] * re[t] - re[t + 1] * im[t];
    out[t] = atan2Det(ci, cr);
  }
  return out;
}
