/**
 * Koopman eigenfunctions of the van der Pol default run (src/run/eigenfunctions.ts, METHOD.md
 * §12): the k = 1 eigenfunction's argument advances by ω·Δt per step along the limit cycle, and
 * the ResDMD residuals of the listed eigenpairs equal a direct pass over the training pairs.
 */
import { describe, expect, it } from 'vitest';
import { directResidual, eigenfunctionOf } from '../../src/method/eigenfunctions';
import { eigenfunctionAnalysis, principalPair } from '../../src/run/eigenfunctions';
import { runPipeline, type RunParts } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { createStageCache } from '../../src/run/stageCache';
import { vanderpol } from '../../src/sources/systems/vanderpol';

const config = parseQuery('sys=vanderpol', 'strict').config;
const cache = createStageCache();
const a = eigenfunctionAnalysis(config, { cache, grid: 41 });
const omega = vanderpol.facts.find((f) => f.when.mu === 1)!.omega!; // 0.94296 (period 6.6633)

describe('van der Pol μ = 1 (default run): the isochron eigenfunction', () => {
  it('the principal eigenvalue is the fundamental e^{iωΔt}: frequency within 0.1 % of ω', () => {
    expect(a.principal).toBeGreaterThanOrEqual(0);
    const p = a.pairs[a.principal];
    expect(Math.abs(p.frequency / omega - 1)).toBeLessThan(1e-3); // observed 1.1e−4
    expect(Math.abs(p.modulus - 1)).toBeLessThan(1e-3);
  });

  it('arg φ₁ advances by ω·Δt per step along the limit cycle: mean within 1 %, every step within 6 %', () => {
    const o = a.orbit!;
    expect(o.omegaDt).toBeCloseTo(omega * 0.1, 12);
    // Two periods on the cycle after a 50-time-unit transient. Observed: mean −3.6e−5
    // relative, single steps −5.4 % … +5.2 % (the residual of φ₁ is 3e−3 of |φ₁| per step).
    expect(Math.abs(o.advanceMean / o.omegaDt! - 1)).toBeLessThan(0.01);
    expect(Math.abs(o.advanceMin / o.omegaDt! - 1)).toBeLessThan(0.06);
    expect(Math.abs(o.advanceMax / o.omegaDt! - 1)).toBeLessThan(0.06);
    expect(o.steps).toBe(Math.ceil((4 * Math.PI) / omega / 0.1));
    expect(o.phase.length).toBe(o.steps + 1);
  });

  it('grid maps: |φ| in [0, 1] with max 1, arg φ in (−π, π], over the padded training box', () => {
    const g = a.grid!;
    expect(g.nx).toBe(41);
    expect(g.modulus.length).toBe(a.pairs.length);
    for (let j = 0; j < a.pairs.length; j++) {
      let big = 0;
      for (const v of g.modulus[j]) {
        expect(v).toBeGreaterThanOrEqual(0);
        big = Math.max(big, v);
      }
      expect(big).toBeCloseTo(1, 12);
      for (const v of g.phase[j]) expect(Math.abs(v)).toBeLessThanOrEqual(Math.PI);
    }
    // Training starts are uniform in [−3, 3]²: the box contains it.
    expect(g.x[0]).toBeLessThan(-3);
    expect(g.x[40]).toBeGreaterThan(3);
  });

  it('ResDMD: λ = 1 (the constant) has residual ~0, λ₁ < 0.01, and the Gram form equals a direct pass (0.1 %)', () => {
    const one = a.pairs.find((p) => p.im === 0 && Math.abs(p.re - 1) < 1e-6)!;
    expect(one.residual).toBeLessThan(1e-6);
    expect(a.pairs[a.principal].residual).toBeLessThan(0.01); // observed 3.0e−3
    let parts: RunParts | null = null;
    runPipeline(config, { cache, inspect: (p) => (parts = p) });
    const { model, data, fit } = parts as unknown as RunParts;
    for (const p of a.pairs.slice(0, 6)) {
      const fn = eigenfunctionOf(fit.K, fit.r, fit.Q, fit.m, p.re, p.im);
      const direct = directResidual(model.dict, data.train, p.re, p.im, fn);
      // Both forms lose digits to cancellation in φ = wᵀΨ (G is ill-conditioned at λ_rel = 1e−12):
      // observed |gram − direct| ≈ 7e−7 at res 3e−3 and 1.2e−6 at 9e−3 (2e−4 relative).
      expect(Math.abs(p.residual - direct)).toBeLessThan(1e-3 * direct + 1e-6);
    }
    // Residuals grow with the harmonic number k (higher harmonics are harder for M = 200).
    const onCircle = a.pairs.filter((p) => p.im > 0 && p.modulus > 0.99);
    expect(onCircle.length).toBeGreaterThanOrEqual(3);
    expect(onCircle[0].residual).toBeLessThan(onCircle[2].residual);
  });

  it('principalPair picks the smallest trusted angle; refuses controlled systems and bad settings', () => {
    const mk = (re: number, im: number, residual: number) => ({
      index: 0,
      re,
      im,
      modulus: Math.hypot(re, im),
      angle: Math.atan2(im, re),
      growth: 0,
      frequency: 0,
      residual,
      vectorResidual: 0,
    });
    const c2 = mk(Math.cos(0.2), Math.sin(0.2), 0.01);
    const c1 = mk(Math.cos(0.1), Math.sin(0.1), 0.01);
    const spurious = mk(0.999 * Math.cos(0.05), 0.999 * Math.sin(0.05), 0.5);
    expect(principalPair([c2, spurious, c1])).toBe(2);
    expect(principalPair([mk(1, 0, 0)])).toBe(-1);
    const forced = parseQuery('sys=forcedvdp', 'strict').config;
    expect(() => eigenfunctionAnalysis(forced)).toThrow(/free system/);
    expect(() => eigenfunctionAnalysis(config, { cache, grid: 5 })).toThrow(/grid must be/);
    expect(() => eigenfunctionAnalysis(config, { cache, count: 0 })).toThrow(/count must be/);
  });
});
