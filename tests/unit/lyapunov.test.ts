import { describe, expect, it } from 'vitest';
import {
  kaplanYorke,
  linearMap,
  lyapunovSpectrum,
  mgsQr,
  reliftedMap,
  rk4Map,
  tangentMapOf,
  type TangentMap,
} from '../../src/method/lyapunov';
import { blowupBox, rolloutRelift } from '../../src/method/rollout';
import { layerDictionary } from '../../src/method/sampling/hiddenLayer';
import { createRk4 } from '../../src/numerics/integrate';
import { createRng } from '../../src/numerics/rng';
import { analyse } from '../../src/run/analysis';
import { parseQuery } from '../../src/run/query';
import { createStageCache } from '../../src/run/stageCache';
import { SYSTEM_SPECS } from '../../src/sources/systems';
import { lorenz } from '../../src/sources/systems/lorenz';

const configOf = (q: string) => {
  const { config, errors } = parseQuery(q, 'strict');
  if (errors.length) throw new Error(errors[0].message);
  return config;
};

/** Columns of the Jacobian of F at x by central differences, step h·max(1, |x_j|). */
function finiteDifferenceJacobian(
  F: (x: Float64Array, out: Float64Array) => void,
  x: Float64Array,
  d: number,
  h: number,
): Float64Array {
  const J = new Float64Array(d * d);
  const fp = new Float64Array(d);
  const fm = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const step = h * Math.max(1, Math.abs(x[j]));
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] += step;
    xm[j] -= step;
    F(xp, fp);
    F(xm, fm);
    for (let i = 0; i < d; i++) J[i * d + j] = (fp[i] - fm[i]) / (2 * step);
  }
  return J;
}

/** J·V of a tangent map at x for V = I (d×d), without moving x. */
function tangentOf(map: TangentMap, x: Float64Array): Float64Array {
  const d = map.d;
  const V = new Float64Array(d * d);
  for (let i = 0; i < d; i++) V[i * d + i] = 1;
  map.advance(Float64Array.from(x), V, d);
  return V;
}

function maxRelError(a: Float64Array, b: Float64Array): number {
  let scale = 0;
  let err = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    err = Math.max(err, Math.abs(a[i] - b[i]));
  }
  return err / Math.max(1, scale);
}

describe('system Jacobians ∂f/∂x', () => {
  // Central differences have truncation error O(h²·f‴) and rounding O(ε·|f|/h); with h = 1e-5 both
  // stay below 1e-7 of max(1, max|J|) for these polynomial right-hand sides.
  const TOL = 1e-7;
  for (const spec of SYSTEM_SPECS) {
    it(`${spec.id}: matches central differences at 50 points of its initial box (≤ ${TOL} relative)`, () => {
      expect(spec.jacobian, `${spec.id} has a Jacobian`).toBeTypeOf('function');
      const rng = createRng(11);
      const params = Object.fromEntries(spec.params.map((p) => [p.key, p.default]));
      const d = spec.dim;
      for (let n = 0; n < 50; n++) {
        const x = Float64Array.from(spec.initialBox, ([lo, hi]) => rng.range(lo, hi));
        const u = Float64Array.from({ length: spec.inputs }, () => rng.range(-1, 1));
        const J = new Float64Array(d * d);
        spec.jacobian!(x, u, params, J);
        const fd = finiteDifferenceJacobian((y, out) => spec.rhs(y, u, params, out), x, d, 1e-5);
        expect(maxRelError(J, fd)).toBeLessThan(TOL);
      }
    });
  }
});

describe('Benettin/QR: building blocks', () => {
  it('mgsQr gives orthonormal columns and V = Q R', () => {
    const rng = createRng(5);
    const d = 4;
    const k = 3;
    const A = Float64Array.from({ length: d * k }, () => rng.normal());
    const V = Float64Array.from(A);
    const diag = new Float64Array(k);
    mgsQr(V, d, k, diag);
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) {
        let s = 0;
        for (let l = 0; l < d; l++) s += V[l * k + a] * V[l * k + b];
        expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-14);
      }
    // ‖A e_1‖ = R_11 and |det| relations: the product of R_jj is the k-volume of A's columns.
    let n1 = 0;
    for (let l = 0; l < d; l++) n1 += A[l * k] ** 2;
    expect(diag[0]).toBeCloseTo(Math.sqrt(n1), 13);
  });

  it('Kaplan–Yorke dimension', () => {
    expect(kaplanYorke([0.9056, 0, -14.5723])).toBeCloseTo(2 + 0.9056 / 14.5723, 12);
    expect(kaplanYorke([-0.1, -1])).toBe(0);
    expect(kaplanYorke([0.5, 0.2])).toBe(2);
    expect(kaplanYorke([0.4, -1.6])).toBeCloseTo(1.25, 12);
  });

  it('the re-lifted map: orbit = the re-lifted rollout bit for bit, Jacobian = central differences', () => {
    const rng = createRng(9);
    const d = 3;
    const M = 40;
    const W = Float64Array.from({ length: M * d }, () => 0.3 * rng.normal());
    const b = Float64Array.from({ length: M }, () => rng.normal());
    const CK = Float64Array.from({ length: d * (M + 1) }, () => 0.2 * rng.normal());
    for (const act of ['tanh', 'relu'] as const) {
      const dict = layerDictionary({ d, width: M, W, b, act, pairs: null });
      const map = reliftedMap(dict, W, CK, act);
      const x0 = Float64Array.of(0.3, -0.2, 0.5);
      const box = blowupBox(
        { d, data: Float64Array.of(-5, -5, -5, 5, 5, 5) },
        new Float64Array(d),
        Float64Array.of(1, 1, 1),
      );
      const ref = rolloutRelift(dict, CK, x0, d, 20, box);
      const x = Float64Array.from(x0);
      const V = new Float64Array(d * d);
      for (let t = 1; t <= 20; t++) {
        map.advance(x, V, d);
        expect(Array.from(x)).toEqual(Array.from(ref.x.subarray(t * d, (t + 1) * d)));
      }
      const step = (y: Float64Array, out: Float64Array) => {
        const z = Float64Array.from(y);
        map.advance(z, new Float64Array(d * d), d);
        out.set(z);
      };
      const fd = finiteDifferenceJacobian(step, x0, d, 1e-6);
      // ReLU is piecewise linear: away from a kink central differences are exact up to rounding.
      expect(maxRelError(tangentOf(map, x0), fd)).toBeLessThan(1e-8);
    }
  });

  it('the RK4 map: orbit = the simulator bit for bit, tangent = the Jacobian of the RK4 map', () => {
    const p = { sigma: 10, rho: 28, beta: 8 / 3 };
    const u = new Float64Array(0);
    const rhs = (x: Float64Array, out: Float64Array) => lorenz.rhs(x, u, p, out);
    const map = rk4Map(rhs, (x, out) => lorenz.jacobian!(x, u, p, out), 3, 0.01, 5);
    const rk = createRk4(rhs, 3, 0.01, 5);
    const x = Float64Array.of(1, 2, 20);
    const y = Float64Array.from(x);
    const V = new Float64Array(9);
    for (let t = 0; t < 100; t++) {
      map.advance(x, V, 3);
      rk.step(y);
      expect(Array.from(x)).toEqual(Array.from(y));
    }
    const step = (z: Float64Array, out: Float64Array) => {
      out.set(z);
      rk.step(out);
    };
    const fd = finiteDifferenceJacobian(step, x, 3, 1e-6);
    expect(maxRelError(tangentOf(map, x), fd)).toBeLessThan(1e-8);
  });
});

describe('Benettin/QR: analytic spectra', () => {
  it('linear maps: exponents = log |eigenvalues| (diagonal, rotation–scaling, non-normal)', () => {
    const th = 0.7;
    const r = 1.2;
    // Rotation–scaling block (eigenvalues r·e^{±iθ}) and a contracting direction 0.7.
    const A = Float64Array.of(
      r * Math.cos(th), -r * Math.sin(th), 0,
      r * Math.sin(th), r * Math.cos(th), 0,
      0, 0, 0.7,
    ); // prettier-ignore
    const a = lyapunovSpectrum(linearMap(A, 3), [0, 0, 0], {
      steps: 2000,
      warmup: 100,
      dt: 1,
      rng: createRng(1),
    });
    // After the warm-up the basis has lost its part along the contracting direction ((0.7/1.2)^100).
    expect(a.exponents[0]).toBeCloseTo(Math.log(r), 11);
    expect(a.exponents[1]).toBeCloseTo(Math.log(r), 11);
    expect(a.exponents[2]).toBeCloseTo(Math.log(0.7), 11);
    const diag = lyapunovSpectrum(linearMap(Float64Array.of(0.5, 0, 0, 2), 2), [0, 0], {
      steps: 1000,
      warmup: 50,
      dt: 0.1,
      rng: createRng(2),
    });
    // Per unit time: log|μ|/Δt.
    expect(diag.exponents[0]).toBeCloseTo(Math.log(2) / 0.1, 10);
    expect(diag.exponents[1]).toBeCloseTo(Math.log(0.5) / 0.1, 10);
    // Non-normal (a large off-diagonal): the transient costs O(1/n).
    const nn = lyapunovSpectrum(linearMap(Float64Array.of(2, 50, 0, 0.5), 2), [0, 0], {
      steps: 20000,
      warmup: 100,
      dt: 1,
      rng: createRng(3),
    });
    expect(Math.abs(nn.exponents[0] - Math.log(2))).toBeLessThan(1e-3);
    expect(Math.abs(nn.exponents[1] - Math.log(0.5))).toBeLessThan(1e-3);
    expect(nn.sum).toBeCloseTo(Math.log(1), 10); // |det| = 1
  });

  it('Hénon map (a = 1.4, b = 0.3): λ₁ ≈ 0.419, λ₂ ≈ −1.62, Σλ = log 0.3', () => {
    const a = 1.4;
    const b = 0.3;
    const henon = tangentMapOf(
      2,
      (x) => {
        const x0 = x[0];
        x[0] = 1 - a * x0 * x0 + x[1];
        x[1] = b * x0;
      },
      (x, V, k) => {
        for (let c = 0; c < k; c++) {
          const v0 = V[c];
          const v1 = V[k + c];
          V[c] = -2 * a * x[0] * v0 + v1;
          V[k + c] = b * v0;
        }
      },
    );
    const s = lyapunovSpectrum(henon, [0.1, 0.1], {
      steps: 200_000,
      warmup: 1000,
      dt: 1,
      rng: createRng(4),
    });
    // Literature: λ₁ = 0.41922 (Sprott 2003); λ₂ = log 0.3 − λ₁ = −1.62319.
    expect(Math.abs(s.exponents[0] - 0.41922)).toBeLessThan(0.005);
    expect(Math.abs(s.exponents[1] - -1.62319)).toBeLessThan(0.005);
    expect(Math.abs(s.sum - Math.log(0.3))).toBeLessThan(1e-10);
    expect(s.kaplanYorke).toBeCloseTo(1 + s.exponents[0] / -s.exponents[1], 12);
  });

  it('Lorenz (σ=10, ρ=28, β=8/3) from the RK4 map: Σλ within 1 % of −13.667, λ₁ within 3 % of 0.9056', () => {
    const p = { sigma: 10, rho: 28, beta: 8 / 3 };
    const u = new Float64Array(0);
    const map = rk4Map(
      (x, out) => lorenz.rhs(x, u, p, out),
      (x, out) => lorenz.jacobian!(x, u, p, out),
      3,
      0.01,
      5,
    );
    // T = 500 model time units after a warm-up of 10 (≈ 0.5 s of Benettin steps on one core).
    const s = lyapunovSpectrum(map, [1, 1, 20], {
      steps: 50_000,
      warmup: 1000,
      dt: 0.01,
      rng: createRng(1),
      recordEvery: 1000,
    });
    expect(Math.abs(s.sum / -(10 + 1 + 8 / 3) - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.exponents[0] / 0.9056 - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.exponents[1])).toBeLessThan(0.01);
    expect(Math.abs(s.kaplanYorke - 2.062)).toBeLessThan(0.01);
    // Running estimates: one record per 1000 steps, the last one the final (column-ordered) estimate.
    expect(s.running.records).toBe(50);
    expect(s.running.time[49]).toBeCloseTo(500, 9);
    const last = Array.from(s.running.values.subarray(49 * 3)).sort((x, y) => y - x);
    expect(last).toEqual(Array.from(s.exponents));
    expect(s.leftAt).toBe(-1);
  });

  it('qrEvery > 1 gives the same exponents up to rounding', () => {
    const A = Float64Array.of(1.1, 0.3, 0, 0.2, 0.9, 0.1, 0, 0, 0.5);
    const one = lyapunovSpectrum(linearMap(A, 3), [0, 0, 0], {
      steps: 3000,
      warmup: 30,
      dt: 1,
      rng: createRng(6),
    });
    const five = lyapunovSpectrum(linearMap(A, 3), [0, 0, 0], {
      steps: 3000,
      warmup: 30,
      dt: 1,
      qrEvery: 5,
      rng: createRng(6),
    });
    for (let j = 0; j < 3; j++) expect(five.exponents[j]).toBeCloseTo(one.exponents[j], 8);
  });

  it('stops where the orbit leaves the box and reports the step', () => {
    const map = linearMap(Float64Array.of(2), 1);
    const box = { mean: Float64Array.of(0), halfWidth: Float64Array.of(100) };
    const s = lyapunovSpectrum(map, [1], { steps: 50, warmup: 2, dt: 1, rng: createRng(1), box });
    expect(s.leftAt).toBe(7); // 2^7 = 128 > 100
    expect(s.leftReason).toBe('blowup');
    expect(s.steps).toBe(4); // counted steps 3…6
    expect(s.exponents[0]).toBeCloseTo(Math.log(2), 12);
  });
});

describe('analyse(config, "lyapunov")', () => {
  it('van der Pol μ = 1: the true spectrum is (0, Floquet −1.0594), the surrogate is close', () => {
    const config = configOf('sys=vanderpol');
    const cache = createStageCache();
    const progress: string[] = [];
    const a = analyse(config, 'lyapunov', {
      cache,
      steps: 20_000,
      warmup: 500,
      onProgress: (p) => progress.push(p.phase),
    });
    expect(a.kind).toBe('lyapunov');
    expect(Math.abs(a.truth.exponents[0])).toBeLessThan(0.002);
    expect(Math.abs(a.truth.exponents[1] - -1.0594)).toBeLessThan(0.005);
    expect(Math.abs(a.surrogate.exponents[0])).toBeLessThan(0.01);
    expect(Math.abs(a.surrogate.exponents[1] - -1.0594)).toBeLessThan(0.05);
    // ⟨tr J_f⟩ along the orbit is the flow's Σλ.
    expect(Math.abs(a.reference.sum - a.truth.sum)).toBeLessThan(0.01);
    expect(a.reference.lambdaMax).toBeNull();
    expect(progress).toContain('surrogate');
    expect(progress).toContain('truth');
    expect(a.start.length).toBe(2);
  });

  it('refuses controlled systems and measured series with a clear message', () => {
    expect(() => analyse(configOf('sys=duffing'), 'lyapunov')).toThrow(/simulated free system/);
    expect(() => analyse(configOf('sys=weather'), 'stats')).toThrow(/measured series/);
  });
});
