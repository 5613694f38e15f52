/**
 * Leading principal directions of a symmetric positive semi-definite m×m matrix (here the Gram
 * G = Ψ_X Ψ_Xᵀ, so the directions are the POD modes of the lifted data), by randomized subspace
 * iteration with a Rayleigh–Ritz step: Halko, Martinsson, Tropp, "Finding structure with
 * randomness", SIAM Review 53 (2011), Algorithms 4.3/5.3.
 *   Y = G Ω (Ω: m×(r+p) Gaussian), Q₀ = orth(Y), T = Q₀ᵀ G Q₀ = U Σ Uᵀ, Q = Q₀ U[:, :r].
 * The spectrum of a tanh Gram decays fast, so with oversampling p = 10 and no power step the
 * leading r directions are captured closely (POWER_STEPS documents the choice). Cost O(m²(r+p)), done by the hot gemm kernel.
 */
import { gemmNN } from './kernels/gramKernels';
import { orthonormalize } from './linalg/householderQr';
import { symmetricEigen } from './linalg/symmetricEigen';
import type { Rng } from './rng';

const OVERSAMPLE = 10;
/** No power step: the tanh Gram's spectrum decays fast enough that G·Ω already aligns with it. */
const POWER_STEPS = 0;

/** Returns Q: m×r row-major with orthonormal columns spanning G's r leading eigenvectors. */
export function principalSubspace(G: Float64Array, m: number, r: number, rng: Rng): Float64Array {
  const k = Math.min(m, r + OVERSAMPLE);
  const omega = new Float64Array(m * k);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.normal();
  let Q0 = orthonormalize(gemmNN(G, m, m, omega, k), m, k);
  for (let s = 0; s < POWER_STEPS; s++) Q0 = orthonormalize(gemmNN(G, m, m, Q0, k), m, k);
  const GQ = gemmNN(G, m, m, Q0, k);
  const T = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += Q0[i * k + a] * GQ[i * k + b];
      T[a * k + b] = s;
      T[b * k + a] = s;
    }
  const { vectors } = symmetricEigen(T, k); // descending eigenvalues, vectors as columns
  const U = new Float64Array(k * r);
  for (let a = 0; a < k; a++) for (let c = 0; c < r; c++) U[a * r + c] = vectors[a * k + c];
  return gemmNN(Q0, m, k, U, r);
}
