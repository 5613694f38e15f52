/**
 * Classical fourth-order Runge–Kutta (RK4) with fixed sub-steps. Global error O(h⁴), h = Δt/substeps:
 *   k1 = f(x), k2 = f(x + h/2·k1), k3 = f(x + h/2·k2), k4 = f(x + h·k3),
 *   x ← x + h/6·(k1 + 2k2 + 2k3 + k4).
 * (The fourth stage uses k3, not k1: pykoopman's slip to x + h·k1 makes the method order 2.)
 */
export type Rhs = (x: Float64Array, out: Float64Array) => void;

export interface Rk4Stepper {
  /** Advances x (length d) in place by Δt using `substeps` RK4 steps. */
  step(x: Float64Array): void;
}

export function createRk4(rhs: Rhs, d: number, dt: number, substeps: number): Rk4Stepper {
  const h = dt / substeps;
  const k1 = new Float64Array(d);
  const k2 = new Float64Array(d);
  const k3 = new Float64Array(d);
  const k4 = new Float64Array(d);
  const tmp = new Float64Array(d);
  return {
    step(x) {
      for (let s = 0; s < substeps; s++) {
        rhs(x, k1);
        for (let i = 0; i < d; i++) tmp[i] = x[i] + 0.5 * h * k1[i];
        rhs(tmp, k2);
        for (let i = 0; i < d; i++) tmp[i] = x[i] + 0.5 * h * k2[i];
        rhs(tmp, k3);
        for (let i = 0; i < d; i++) tmp[i] = x[i] + h * k3[i];
        rhs(tmp, k4);
        for (let i = 0; i < d; i++) x[i] += (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    },
  };
}

/**
 * Integrates from x0 for `steps` steps of Δt; returns (steps+1)×d row-major samples, row 0 = x0.
 */
export function trajectory(
  rhs: Rhs,
  x0: ArrayLike<number>,
  dt: number,
  steps: number,
  substeps: number,
): Float64Array {
  const d = x0.length;
  const out = new Float64Array((steps + 1) * d);
  const x = Float64Array.from(x0);
  const rk = createRk4(rhs, d, dt, substeps);
  out.set(x, 0);
  for (let t = 1; t <= steps; t++) {
    rk.step(x);
    out.set(x, t * d);
  }
  return out;
}
