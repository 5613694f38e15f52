/**
 * Box-constrained convex quadratic program
 *
 *   minimise ½ uᵀ H u + fᵀ u   subject to  lo ≤ u ≤ hi   (H: n×n symmetric positive definite),
 *
 * solved by the primal–dual active-set method of Hintermüller, Ito & Kunisch, "The primal-dual
 * active set strategy as a semismooth Newton method", SIAM J. Optim. 13 (2003). With the
 * multiplier λ = −(Hu + f), KKT reads: λ_i = 0 where lo_i < u_i < hi_i, λ_i ≥ 0 at hi_i,
 * λ_i ≤ 0 at lo_i. Each iteration guesses the active sets from u and λ, fixes those u_i at their
 * bound, solves the free block H_FF u_F = −f_F − H_FA u_A by Cholesky, and stops when the sets
 * repeat. The iteration usually ends in a few steps; if it has not after `maxIter`, projected
 * gradient descent with Nesterov momentum (FISTA) from the best point so far finishes the job,
 * which converges for any SPD H. n is the MPC horizon × inputs, so O(n³) per iteration is cheap.
 */

export interface BoxQpResult {
  u: Float64Array;
  /** Active-set iterations (plus FISTA iterations when the fallback ran). */
  iterations: number;
  method: 'active-set' | 'projected-gradient';
}

/** Cholesky solve of A x = b for a small dense SPD A (n×n row-major, copied). null if not SPD. */
export function solveSmallSpd(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const l = Float64Array.from(a);
  for (let j = 0; j < n; j++) {
    let s = l[j * n + j];
    for (let k = 0; k < j; k++) s -= l[j * n + k] * l[j * n + k];
    if (!(s > 0)) return null;
    const piv = Math.sqrt(s);
    l[j * n + j] = piv;
    for (let i = j + 1; i < n; i++) {
      let t = l[i * n + j];
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / piv;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** ½uᵀHu + fᵀu. */
export function qpObjective(h: Float64Array, f: Float64Array, u: Float64Array): number {
  const n = f.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let hu = 0;
    for (let j = 0; j < n; j++) hu += h[i * n + j] * u[j];
    s += u[i] * (0.5 * hu + f[i]);
  }
  return s;
}

function gradient(h: Float64Array, f: Float64Array, u: Float64Array, out: Float64Array): void {
  const n = f.length;
  for (let i = 0; i < n; i++) {
    let s = f[i];
    for (let j = 0; j < n; j++) s += h[i * n + j] * u[j];
    out[i] = s;
  }
}

const clip = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/**
 * Solves the box QP. `start` (optional) warm-starts the active sets, e.g. the previous MPC
 * solution shifted by one step. `lipschitz` (largest eigenvalue of H, or an upper bound such as
 * its Frobenius norm) sets the fallback's step size.
 */
export function solveBoxQp(
  h: Float64Array,
  f: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  opts: { start?: Float64Array; lipschitz: number; maxIter?: number; fallbackIter?: number },
): BoxQpResult {
  const n = f.length;
  const maxIter = opts.maxIter ?? 50;
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = clip(opts.start ? opts.start[i] : 0, lo[i], hi[i]);
  const g = new Float64Array(n);
  const state = new Int8Array(n); // −1 at lo, +1 at hi, 0 free
  let prevKey = '';
  for (let it = 1; it <= maxIter; it++) {
    gradient(h, f, u, g); // λ = −g
    for (let i = 0; i < n; i++) {
      const lam = -g[i];
      state[i] = lam + (u[i] - hi[i]) > 0 ? 1 : lam + (u[i] - lo[i]) < 0 ? -1 : 0;
    }
    const key = state.join(',');
    const free: number[] = [];
    for (let i = 0; i < n; i++) {
      if (state[i] === 1) u[i] = hi[i];
      else if (state[i] === -1) u[i] = lo[i];
      else free.push(i);
    }
    if (free.length) {
      const nf = free.length;
      const hff = new Float64Array(nf * nf);
      const rhs = new Float64Array(nf);
      for (let a = 0; a < nf; a++) {
        const i = free[a];
        let s = -f[i];
        for (let j = 0; j < n; j++) if (state[j] !== 0) s -= h[i * n + j] * u[j];
        rhs[a] = s;
        for (let b = 0; b < nf; b++) hff[a * nf + b] = h[i * n + free[b]];
      }
      const uf = solveSmallSpd(hff, rhs, nf);
      if (!uf) break;
      free.forEach((i, a) => (u[i] = uf[a]));
    }
    if (key === prevKey && isKkt(h, f, lo, hi, u, g))
      return { u: clipAll(u, lo, hi), iterations: it, method: 'active-set' };
    prevKey = key;
  }
  return projectedGradient(
    h,
    f,
    lo,
    hi,
    clipAll(u, lo, hi),
    opts.lipschitz,
    opts.fallbackIter ?? 5000,
    maxIter,
  );
}

function clipAll(u: Float64Array, lo: Float64Array, hi: Float64Array): Float64Array {
  for (let i = 0; i < u.length; i++) u[i] = clip(u[i], lo[i], hi[i]);
  return u;
}

/** KKT check with a tolerance relative to the problem's scale. */
function isKkt(
  h: Float64Array,
  f: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  u: Float64Array,
  g: Float64Array,
): boolean {
  const n = f.length;
  gradient(h, f, u, g);
  let scale = 1e-300;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(f[i]), Math.abs(h[i * n + i]));
  const tol = 1e-9 * scale;
  for (let i = 0; i < n; i++) {
    const span = 1e-12 * (1 + Math.abs(lo[i]) + Math.abs(hi[i]));
    if (u[i] < lo[i] - span || u[i] > hi[i] + span) return false;
    const atLo = u[i] <= lo[i] + span;
    const atHi = u[i] >= hi[i] - span;
    if (atLo && g[i] < -tol) return false; // raising u_i would still lower the cost
    if (atHi && g[i] > tol) return false;
    if (!atLo && !atHi && Math.abs(g[i]) > tol) return false;
  }
  return true;
}

/** FISTA with adaptive restart on the box (O'Donoghue & Candès 2015). */
function projectedGradient(
  h: Float64Array,
  f: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  u0: Float64Array,
  lipschitz: number,
  iters: number,
  already: number,
): BoxQpResult {
  const n = f.length;
  const step = 1 / lipschitz;
  let u = Float64Array.from(u0);
  let y = Float64Array.from(u0);
  const g = new Float64Array(n);
  let tk = 1;
  let prevObj = qpObjective(h, f, u);
  let it = 0;
  for (; it < iters; it++) {
    gradient(h, f, y, g);
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = clip(y[i] - step * g[i], lo[i], hi[i]);
    const obj = qpObjective(h, f, next);
    const tNext = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
    if (obj > prevObj) {
      tk = 1; // restart the momentum
      y = Float64Array.from(u);
      continue;
    }
    let moved = 0;
    for (let i = 0; i < n; i++) {
      y[i] = next[i] + ((tk - 1) / tNext) * (next[i] - u[i]);
      moved = Math.max(moved, Math.abs(next[i] - u[i]));
    }
    u = next;
    tk = tNext;
    prevObj = obj;
    if (moved <= 1e-13 * (1 + Math.max(...Array.from(hi, Math.abs)))) break;
  }
  return { u, iterations: already + it, method: 'projected-gradient' };
}
