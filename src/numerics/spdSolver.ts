/**
 * Right division by one regularised Gram matrix, factored once: EDMD divides several right-hand
 * sides (X Ψᵀ for C, Ψ_Y Ψ_Xᵀ or C·A for K and C·K) by the same G + λI.
 * Path: Cholesky G + λI = L Lᵀ (pivot floor n·2⁻⁵² relative, as in solveSpd); if that fails, every
 * solve goes through solveRightSpd's documented fallback chain (Cholesky with growing jitter,
 * then the eigen-pseudo-inverse), and `method` says which path ran.
 */
import { choleskyInPlace, choleskySolveRowsInPlace, solveRightSpd } from './linalg/cholesky';

export interface SpdRightSolver {
  /** X = B (G + λI)⁻¹ for B: p×n row-major (returns a new array). */
  solveRight(b: Float64Array, p: number): Float64Array;
  /** 'cholesky', or the fallback's method of the most recent solve. */
  method: string;
}

export function factorSpd(g: Float64Array, n: number): SpdRightSolver {
  const l = Float64Array.from(g.subarray(0, n * n));
  const ok = choleskyInPlace(l, n, n * 2 ** -52);
  const solver: SpdRightSolver = {
    method: 'cholesky',
    solveRight(b, p) {
      if (ok) {
        const x = b.slice(0, p * n);
        choleskySolveRowsInPlace(l, n, x, p);
        return x;
      }
      const res = solveRightSpd(b, p, g, n);
      solver.method = res.method;
      return res.x;
    },
  };
  return solver;
}
