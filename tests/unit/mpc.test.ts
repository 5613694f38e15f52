import { Matrix, inverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { qpObjective, solveBoxQp } from '../../src/numerics/boxQp';
import { createMpc, type LiftedModel } from '../../src/method/mpc';
import { createRng } from '../../src/numerics/rng';

/**
 * A linear system x_{t+1} = A x_t + b u_t with an unstable mode (eigenvalues 1.05, 1.02), in
 * lifted form with the constant feature: z = [x; 1], K = blockdiag(A, 1), B = [b; 0], C = [I c]
 * (c = 0: plain output; c ≠ 0: an output offset, as a learned readout has).
 */
const A = [1.05, 0.1, 0, 1.02];
const b = [0.005, 0.1];

function lifted(offset = [0, 0]): LiftedModel {
  return {
    d: 2,
    m: 3,
    p: 1,
    K: Float64Array.of(A[0], A[1], 0, A[2], A[3], 0, 0, 0, 1),
    B: Float64Array.of(b[0], b[1], 0),
    C: Float64Array.of(1, 0, offset[0], 0, 1, offset[1]),
  };
}

function simulate(x0: number[], steps: number, control: (x: number[]) => number) {
  let x = x0;
  const us: number[] = [];
  for (let t = 0; t < steps; t++) {
    const u = control(x);
    us.push(u);
    x = [A[0] * x[0] + A[1] * x[1] + b[0] * u, A[2] * x[0] + A[3] * x[1] + b[1] * u];
  }
  return { x, us };
}

describe('box-constrained QP', () => {
  it('matches the KKT conditions and beats every feasible perturbation on random problems', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = 2 + (trial % 9);
      const M = Matrix.rand(n, n, { random: () => rng.uniform() - 0.5 });
      const H = M.transpose().mmul(M).add(Matrix.eye(n).mul(0.01));
      const h = Float64Array.from(H.to1DArray());
      const f = Float64Array.from({ length: n }, () => 4 * (rng.uniform() - 0.5));
      const lo = new Float64Array(n).fill(-0.5);
      const hi = new Float64Array(n).fill(0.5);
      const res = solveBoxQp(h, f, lo, hi, { lipschitz: H.norm('frobenius') });
      const obj = qpObjective(h, f, res.u);
      // Feasible, and no coordinate move inside the box lowers the objective (convexity ⇒ optimal).
      for (let i = 0; i < n; i++) {
        expect(res.u[i]).toBeGreaterThanOrEqual(-0.5);
        expect(res.u[i]).toBeLessThanOrEqual(0.5);
        for (const delta of [-1e-4, 1e-4]) {
          const v = Float64Array.from(res.u);
          v[i] = Math.min(0.5, Math.max(-0.5, v[i] + delta));
          expect(qpObjective(h, f, v)).toBeGreaterThanOrEqual(obj - 1e-12);
        }
      }
      // The unconstrained minimiser, clipped, is never better.
      const free = inverse(H)
        .mmul(Matrix.columnVector(Array.from(f, (v) => -v)))
        .to1DArray();
      const clipped = Float64Array.from(free, (v) => Math.min(0.5, Math.max(-0.5, v)));
      expect(qpObjective(h, f, clipped)).toBeGreaterThanOrEqual(obj - 1e-12);
    }
  });

  it('returns the unconstrained minimiser when it is inside the box (to 1e-12)', () => {
    const h = Float64Array.of(2, 0.5, 0.5, 1);
    const f = Float64Array.of(-0.1, 0.2);
    const res = solveBoxQp(h, f, Float64Array.of(-9, -9), Float64Array.of(9, 9), { lipschitz: 3 });
    const x = inverse(
      new Matrix([
        [2, 0.5],
        [0.5, 1],
      ]),
    ).mmul(Matrix.columnVector([0.1, -0.2]));
    expect(Math.abs(res.u[0] - x.get(0, 0))).toBeLessThan(1e-12);
    expect(Math.abs(res.u[1] - x.get(1, 0))).toBeLessThan(1e-12);
    expect(res.method).toBe('active-set');
  });
});

describe('MPC on a known lifted linear system', () => {
  it('stabilises the unstable system at the origin with |u| ≤ u_max', () => {
    const umax = 1;
    const mpc = createMpc(
      lifted(),
      { horizon: 20, inputWeight: 0.01, umax, goal: new Float64Array(2) },
      null,
    );
    const run = simulate([1, 0.5], 300, (x) => mpc.stepLifted(Float64Array.of(x[0], x[1], 1)).u[0]);
    expect(Math.hypot(run.x[0], run.x[1])).toBeLessThan(1e-6);
    expect(Math.max(...run.us.map(Math.abs))).toBeLessThanOrEqual(umax);
    expect(Math.max(...run.us.map(Math.abs))).toBe(umax); // the bound was active at the start
    const free = simulate([1, 0.5], 300, () => 0);
    expect(Math.hypot(free.x[0], free.x[1])).toBeGreaterThan(1e5); // unstable without control
  });

  it('with an output offset in C (the constant feature in the cost) reaches a goal that needs a steady input', () => {
    // y = x + c. The equilibrium x* = (0.198, −0.1) is held by u* = 0.02 (x2* = 1.02 x2* + 0.1 u*,
    // x1* = 1.05 x1* + 0.1 x2* + 0.005 u*); its output y* = x* + c is the goal.
    const c = [0.3, -0.2];
    const xStar = [0.198, -0.1];
    const mpc = createMpc(
      lifted(c),
      {
        horizon: 25,
        inputWeight: 0,
        umax: 1,
        goal: Float64Array.of(xStar[0] + c[0], xStar[1] + c[1]),
      },
      null,
    );
    const run = simulate([0.5, 0], 600, (x) => mpc.stepLifted(Float64Array.of(x[0], x[1], 1)).u[0]);
    expect(Math.abs(run.x[0] - xStar[0])).toBeLessThan(1e-6);
    expect(Math.abs(run.x[1] - xStar[1])).toBeLessThan(1e-6);
    expect(Math.abs(run.us[599] - 0.02)).toBeLessThan(1e-6);
  });

  it('a plain Riccati iteration on the full lifted state does not converge (why the MPC avoids it)', () => {
    // P ← CᵀQC + KᵀPK − KᵀPB(R + BᵀPB)⁻¹BᵀPK, Q = I, R = 0.01, with an output offset in C.
    const { K, B, C } = lifted([0.3, -0.2]);
    const Km = new Matrix([
      Array.from(K.slice(0, 3)),
      Array.from(K.slice(3, 6)),
      Array.from(K.slice(6, 9)),
    ]);
    const Bm = Matrix.columnVector(Array.from(B));
    const Cm = new Matrix([Array.from(C.slice(0, 3)), Array.from(C.slice(3, 6))]);
    const Q = Cm.transpose().mmul(Cm);
    const riccati = (Km: Matrix, Bm: Matrix, Qm: Matrix, iterations: number) => {
      let P = Qm.clone();
      let change = Infinity;
      const constEntry: number[] = [];
      for (let k = 1; k <= iterations; k++) {
        const BtP = Bm.transpose().mmul(P);
        const gain = inverse(BtP.mmul(Bm).add(Matrix.eye(1).mul(0.01))).mmul(BtP.mmul(Km));
        const next = Qm.add(Km.transpose().mmul(P).mmul(Km)).sub(
          Km.transpose().mmul(P).mmul(Bm).mmul(gain),
        );
        change = Matrix.sub(next, P).norm('frobenius') / next.norm('frobenius');
        P = next;
        constEntry.push(P.get(P.rows - 1, P.columns - 1));
      }
      return { P, change, constEntry };
    };
    const full = riccati(Km, Bm, Q, 200);
    // The constant mode's entry explodes and P keeps changing: no fixed point.
    expect(full.constEntry[199]).toBeGreaterThan(1e6);
    expect(full.constEntry[199]).toBeGreaterThan(10 * full.constEntry[99]);
    // The same iteration on the physical state alone (A, b, Q = I) converges.
    const reduced = riccati(
      new Matrix([A.slice(0, 2), A.slice(2, 4)]),
      Matrix.columnVector(b),
      Matrix.eye(2),
      200,
    );
    expect(reduced.change).toBeLessThan(1e-12);
  });

  it('refuses a horizon below 1 and u_max ≤ 0 with a message naming the setting', () => {
    const goal = new Float64Array(2);
    expect(() => createMpc(lifted(), { horizon: 0, inputWeight: 0, umax: 1, goal }, null)).toThrow(
      /MPC horizon must be an integer ≥ 1/,
    );
    expect(() => createMpc(lifted(), { horizon: 5, inputWeight: 0, umax: 0, goal }, null)).toThrow(
      /u_max must be > 0/,
    );
    expect(() => createMpc(lifted(), { horizon: 5, inputWeight: -1, umax: 1, goal }, null)).toThrow(
      /input weight r must be ≥ 0/,
    );
  });
});
