/**
 * Small dense-matrix helpers on row-major Float64Array storage: entry (i, j) of an r×c matrix is
 * `a[i * c + j]`. None of them overwrites its inputs; each returns a freshly allocated array.
 *
 * GVL = G. H. Golub & C. F. Van Loan, Matrix Computations, 4th ed., Johns Hopkins, 2013.
 */

/**
 * Matrix product C = A B.
 *
 * @param a  A, ar×ac, row-major.
 * @param ar rows of A.
 * @param ac columns of A = rows of B.
 * @param b  B, ac×bc, row-major.
 * @param bc columns of B.
 * @returns C, ar×bc, row-major (new array).
 *
 * Algorithm: the i-k-j ("row axpy") loop order, so the innermost loop streams one row of B and
 * one row of C contiguously (Golub & Van Loan, 4th ed., §1.1 on loop orderings, §1.5 on memory
 * locality). 2·ar·ac·bc flops.
 * Failure: throws RangeError if an array is shorter than its stated shape; non-finite entries
 * propagate (no check).
 */
export function matmul(
  a: Float64Array,
  ar: number,
  ac: number,
  b: Float64Array,
  bc: number,
): Float64Array {
  if (a.length < ar * ac || b.length < ac * bc) {
    throw new RangeError(`matmul: arrays too short for ${ar}×${ac} · ${ac}×${bc}`);
  }
  const c = new Float64Array(ar * bc);
  for (let i = 0; i < ar; i++) {
    const ci = i * bc;
    const ai = i * ac;
    for (let k = 0; k < ac; k++) {
      const aik = a[ai + k];
      if (aik === 0) continue;
      const bk = k * bc;
      for (let j = 0; j < bc; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return c;
}

/**
 * Transpose: returns Aᵀ (cols×rows, row-major) of A (rows×cols, row-major). Blocked in 32×32
 * tiles so that both the reads and the writes stay cache-resident for large matrices.
 * Failure: throws RangeError if `a` is shorter than rows·cols.
 */
export function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  if (a.length < rows * cols)
    throw new RangeError(`transpose: array too short for ${rows}×${cols}`);
  const t = new Float64Array(rows * cols);
  const B = 32;
  for (let i0 = 0; i0 < rows; i0 += B) {
    const i1 = Math.min(i0 + B, rows);
    for (let j0 = 0; j0 < cols; j0 += B) {
      const j1 = Math.min(j0 + B, cols);
      for (let i = i0; i < i1; i++) {
        const ai = i * cols;
        for (let j = j0; j < j1; j++) t[j * rows + i] = a[ai + j];
      }
    }
  }
  return t;
}

/** The n×n identity matrix, row-major (new array). */
export function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}
