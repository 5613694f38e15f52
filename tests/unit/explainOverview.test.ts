/**
 * The explain views' pure helpers (src/ui/explain): the overview's values against the run they
 * come from, the eigenvalue table against analytic eigenvalues, TeX number formatting, the
 * heat-map block and colour limit, and stepping through the stages.
 */
import { describe, expect, it } from 'vitest';
import { weatherSource } from '../../src/cli/seriesSource';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { circleCounts } from '../../src/ui/plots/spectrumData';
import {
  colourLimit,
  eigenTable,
  leadingBlock,
  leadingEigen,
  leadingOscillation,
  overviewValues,
  STAGE_IDS,
  stepStage,
} from '../../src/ui/explain/overviewData';
import { texComplex, texLines, texNumber } from '../../src/ui/explain/texNumber';

describe('eigenTable: continuous-time rates of analytic eigenvalues', () => {
  const dt = 0.1;
  const omega = 0.94296;
  it('λ = e^{iωΔt} (and its conjugate) gives rate iω: growth 0, frequency ω, period 2π/ω; one row per pair', () => {
    const re = [Math.cos(omega * dt), Math.cos(omega * dt)];
    const im = [Math.sin(omega * dt), -Math.sin(omega * dt)];
    const rows = eigenTable(re, im, dt);
    expect(rows).toHaveLength(1);
    expect(rows[0].pair).toBe(true);
    expect(Math.abs(rows[0].growth)).toBeLessThan(1e-14);
    expect(rows[0].freq).toBeCloseTo(omega, 12);
    expect(rows[0].angle).toBeCloseTo(omega * dt, 14);
    expect(rows[0].period).toBeCloseTo((2 * Math.PI) / omega, 10);
    expect(rows[0].abs).toBeCloseTo(1, 15);
  });
  it('λ = e^{(σ + iω)Δt} gives rate σ + iω; a real λ = r gives ln r/Δt and an infinite period', () => {
    const sigma = -1.0594;
    const r = Math.exp(sigma * dt);
    const rows = eigenTable(
      [0.5, r * Math.cos(omega * dt), r * Math.cos(omega * dt)],
      [0, r * Math.sin(omega * dt), -r * Math.sin(omega * dt)],
      dt,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].growth).toBeCloseTo(Math.log(0.5) / dt, 12);
    expect(rows[0].freq).toBe(0);
    expect(rows[0].period).toBe(Infinity);
    expect(rows[0].pair).toBe(false);
    expect(rows[1].growth).toBeCloseTo(sigma, 12);
    expect(rows[1].freq).toBeCloseTo(omega, 12);
  });
  it('keeps at most `count` rows and the engine’s order; leading eigen and oscillation', () => {
    const re = [1, 0.9, 0.9, 0.5, 0.1];
    const im = [0, 0.1, -0.1, 0, 0];
    expect(eigenTable(re, im, 1, 2).map((e) => e.re)).toEqual([1, 0.9]);
    expect(leadingEigen(re, im, 1)?.re).toBe(1);
    expect(leadingOscillation(re, im, 1)?.im).toBe(0.1);
    expect(leadingOscillation([1, 0.5], [0, 0], 1)).toBeNull();
    expect(leadingEigen([], [], 1)).toBeNull();
  });
});

describe('overviewValues: the numbers of one real run', () => {
  const config = parseQuery(
    'sys=vanderpol&width=40&ntraj=10&len=60&horizon=50&ntest=4',
    'strict',
  ).config;
  const r = runPipeline(config);
  const v = overviewValues(r);
  it('reads N, M, the sampler, λ, the solve path and the metrics from the result', () => {
    expect(v.pairs).toBe(10 * 60);
    expect(r.pairs).toBe(600);
    expect(v.trajectories).toBe(10);
    expect(v.testStarts).toBe(4);
    expect(v.width).toBe(40);
    expect(v.m).toBe(41);
    expect(v.dim).toBe(2);
    expect(v.variables).toBe(2);
    expect(v.sampler).toBe('swim');
    expect(v.ridge).toBe(r.ridge.rel);
    expect(v.solveMethod).toBe(r.solveMethod);
    expect(v.testMse).toBe(r.metrics.testMse);
    expect(v.vpt).toBe(r.metrics.vpt);
    expect(v.spectralRadius).toBe(r.metrics.spectralRadius);
  });
  it('counts every eigenvalue once and bounds cond(G + λI) by 1 + m/λ_rel', () => {
    const c = circleCounts(r.eigenvalues.re, r.eigenvalues.im);
    expect(v.circle).toEqual(c);
    expect(c.inside + c.circle + c.outside).toBe(r.spectrumRank);
    expect(v.condBound).toBe(1 + 41 / r.ridge.rel);
    expect(v.truncated).toBe(false);
  });
});

describe('overviewValues of a delay-embedded series', () => {
  it('the network reads d·k numbers: W is M×(d·k), C is (d·k)×m', () => {
    const config = parseQuery('sys=weather&width=30', 'strict').config;
    const r = runPipeline(config, { series: weatherSource() });
    const v = overviewValues(r);
    const k = r.series!.delay;
    expect(v.variables).toBe(r.series!.variables.length);
    expect(v.dim).toBe(v.variables * k);
    expect(r.model.C.length).toBe(v.dim * v.m);
    expect(v.trajectories).toBeNull();
    expect(v.pairs).toBe(r.pairs);
  });
});

describe('texNumber', () => {
  it('writes integers with thin spaces from five digits, small and large numbers with × 10^{e}', () => {
    expect(texNumber(20000)).toBe('20\\,000');
    expect(texNumber(1234)).toBe('1234');
    expect(texNumber(1e-12)).toBe('10^{-12}');
    expect(texNumber(1.367573e-9)).toBe('1.37 \\times 10^{-9}');
    expect(texNumber(-2.5e-4)).toBe('-2.5 \\times 10^{-4}');
    expect(texNumber(0.1)).toBe('0.1');
    expect(texNumber(6.66331, 4)).toBe('6.663');
    expect(texNumber(2.01e14, 2)).toBe('2 \\times 10^{14}');
    expect(texNumber(0)).toBe('0');
    expect(texNumber(Infinity)).toBe('\\infty');
  });
  it('complex numbers and stacked lines', () => {
    expect(texComplex(0.9956, 0.09417, 4)).toBe('0.9956 + 0.09417\\,i');
    expect(texComplex(-0.05, -0.94)).toBe('-0.05 - 0.94\\,i');
    expect(texComplex(0.5, 0)).toBe('0.5');
    expect(texLines('a')).toBe('a');
    expect(texLines('a', 'b')).toBe('\\begin{gathered} a \\\\[4pt] b \\end{gathered}');
  });
});

describe('heat-map block and colour limit', () => {
  it('takes the leading block of a row-major matrix and says when it clipped', () => {
    const a = Float64Array.from({ length: 12 }, (_, k) => k); // 3×4
    const b = leadingBlock(a, 3, 4, 2);
    expect(b.z).toEqual([
      [0, 1],
      [4, 5],
    ]);
    expect(b.clipped).toBe(true);
    expect(leadingBlock(a, 3, 4, 10).clipped).toBe(false);
  });
  it('the limit is the 99th percentile of |entry|, never 0', () => {
    const z = [Array.from({ length: 100 }, (_, k) => (k === 99 ? 1e6 : -(k + 1)))];
    expect(colourLimit(z)).toBe(99);
    expect(colourLimit([[0, 0]])).toBe(1);
    expect(colourLimit([[NaN, 2]])).toBe(2);
  });
});

describe('stepStage', () => {
  it('moves one stage and stops at both ends', () => {
    expect(stepStage('data', 1)).toBe('hidden');
    expect(stepStage('data', -1)).toBe('data');
    expect(stepStage('forecast', 1)).toBe('forecast');
    expect(STAGE_IDS.map((id) => stepStage(id, 1))).toEqual([
      'hidden',
      'lsq',
      'spectrum',
      'forecast',
      'forecast',
    ]);
  });
});
