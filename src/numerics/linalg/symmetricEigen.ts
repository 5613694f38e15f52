/**
 * Symmetric eigendecomposition A = V diag(λ) Vᵀ on row-major Float64Array matrices:
 * Householder tridiagonalisation followed by the implicit QL algorithm (EISPACK tred2/tql2, as
 * in JAMA and ml-matrix), rewritten for flat arrays with cache-friendly loops.
 *
 * GVL = G. H. Golub & C. F. Van Loan, Matrix Computations, 4th ed., Johns Hopkins, 2013.
 */
import type { KernelName } from '../kernels/gramKernels';
import { symmetricWorkspace } from '../kernels/symmetricEigenKernel';

/** Hypotenuse √(a² + b²) without destructive overflow/underflow (faster than Math.hypot). */
function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Eigenvalues and orthonormal eigenvectors of a real symmetric matrix.
 *
 * @param a A, n×n row-major. Only the lower triangle (diagonal included) is read; `a` is not
 *          modified.
 * @param n order of A.
 * @returns `values` (length n) sorted descending, and `vectors`, n×n row-major whose column j
 *          is the unit eigenvector of values[j] (so A V = V diag(values), Vᵀ V = I).
 *
 * Algorithm: Householder reduction to tridiagonal form with accumulation of the orthogonal
 * transformation (GVL 4th ed. §8.3.1, EISPACK tred2), then the implicit-shift QL iteration on
 * the tridiagonal matrix with Wilkinson-type shifts (GVL §8.3.3–8.3.5; EISPACK tql2, Bowdler,
 * Martin, Reinsch & Wilkinson 1968). Internally the transformation is stored transposed
 * (rows = eigenvectors) so that every inner loop of both phases runs over contiguous memory;
 * one transpose at the end gives the documented column layout. ≈ 9n³ flops.
 * Backward stable: ‖A V − V D‖ ≈ ε‖A‖, ‖VᵀV − I‖ ≈ ε·n.
 *
 * `kernel` forces the JS loops or their WebAssembly SIMD transcription (src/numerics/kernels/
 * symmetricEigenKernel.ts, bit for bit the same values and vectors); by default wasm from n = 32.
 *
 * Failure: throws Error if the QL iteration for one eigenvalue needs more than 60 sweeps (never
 * observed for finite input); throws RangeError if `a` is shorter than n². NaN input propagates
 * into the output or triggers the non-convergence error.
 */
export function symmetricEigen(
  a: Float64Array,
  n: number,
  kernel?: KernelName,
): { values: Float64Array; vectors: Float64Array } {
  if (a.length < n * n) throw new RangeError(`symmetricEigen: array too short for ${n}×${n}`);
  const ws = symmetricWorkspace(n, kernel);
  // W = transpose of JAMA's V: W[j*n + k] ≡ V[k][j]. JAMA reads V[k][j] with k ≥ j (the lower
  // triangle of A), i.e. W[j][k] = A[k][j] for k ≥ j.
  const w = ws ? ws.w : new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j <= k; j++) {
      const v = a[k * n + j];
      w[j * n + k] = v;
      w[k * n + j] = v;
    }
  }
  const d = ws ? ws.d : new Float64Array(n);
  const e = ws ? ws.e : new Float64Array(n);
  if (n === 0) return { values: d, vectors: w };
  if (ws) {
    const failed = ws.run();
    if (failed >= 0) throw notConverged(failed, n);
  } else {
    tred2(w, d, e, n);
    tql2(w, d, e, n);
  }

  // Sort descending (stable selection on values), permuting rows of W, then V = Wᵀ.
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => d[y] - d[x] || x - y);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const src = order[c];
    values[c] = d[src];
    const ws = src * n;
    for (let r = 0; r < n; r++) vectors[r * n + c] = w[ws + r];
  }
  return { values, vectors };
}

function notConverged(l: number, n: number): Error {
  return new Error(`symmetricEigen: QL iteration did not converge (eigenvalue ${l} of ${n})`);
}

/** Householder tridiagonalisation (EISPACK tred2) on the transposed accumulator W. */
function tred2(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = w[j * n + n - 1];

  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = w[j * n + i - 1];
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      // Generate the Householder vector.
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;

      // Apply the similarity transformation to the remaining columns.
      for (let j = 0; j < i; j++) {
        const wj = j * n;
        f = d[j];
        w[i * n + j] = f;
        g = e[j] + w[wj + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const v = w[wj + k];
          g += v * d[k];
          e[k] += v * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        const wj = j * n;
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) w[wj + k] -= f * e[k] + g * d[k];
        d[j] = w[wj + i - 1];
        w[wj + i] = 0;
      }
    }
    d[i] = h;
  }

  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    const wi1 = (i + 1) * n;
    w[i * n + n - 1] = w[i * n + i];
    w[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = w[wi1 + k] / h;
      for (let j = 0; j <= i; j++) {
        const wj = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += w[wi1 + k] * w[wj + k];
        for (let k = 0; k <= i; k++) w[wj + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) w[wi1 + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = w[j * n + n - 1];
    w[j * n + n - 1] = 0;
  }
  w[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e) (EISPACK tql2), rotating rows of W. */
function tql2(w: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    // Find a small subdiagonal element.
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m === n) m = n - 1; // e[n-1] = 0, cannot happen for finite input; guards NaN
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) {
          throw notConverged(l, n);
        }
        // Compute the implicit shift.
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;

        // Implicit QL transformation.
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          // Accumulate the rotation on rows i, i+1 of W (columns of V).
          const wi = i * n;
          const wi1 = wi + n;
          for (let k = 0; k < n; k++) {
            const hk = w[wi1 + k];
            const vk = w[wi + k];
            w[wi1 + k] = s * vk + c * hk;
            w[wi + k] = c * vk - s * hk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}
