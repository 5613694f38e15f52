import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/run/schema';
import {
  clampIndex,
  column,
  cumulative,
  evenSubset,
  gaps,
  joinWithGaps,
  pairSegments,
  positive,
  steppedInput,
  testComponent,
  testRow,
  testSeries,
  timeAxis,
  trajectoryPaths,
} from '../../src/ui/plots/plotData';
import {
  LOG_FLOOR,
  clipDiverged,
  componentRanges,
  displayBox,
  logFloor,
  logRange,
  padded,
} from '../../src/ui/plots/ranges';
import {
  continuousRate,
  eigenInfo,
  isUnstable,
  referenceAngles,
  referenceFor,
} from '../../src/ui/plots/spectrumData';

describe('continuous-time rates ω = log(λ)/Δt', () => {
  // λ = e^{(a+ib)Δt} must give back (a, b): the only error is rounding in exp/log/atan2, a few ulps
  // of |a|, |b| ≤ 3, so 1e-12 absolute is generous but still far below anything visible.
  const cases = [
    { a: -0.3, b: 0.94296, dt: 0.1 },
    { a: 0.05, b: -2.5, dt: 0.01 },
    { a: -1.0594, b: 0, dt: 0.1 },
    { a: 0, b: 3, dt: 1 }, // bΔt = 3 < π: inside the principal branch
  ];
  for (const { a, b, dt } of cases) {
    it(`recovers growth ${a} and frequency ${b} at Δt = ${dt}`, () => {
      const re = Math.exp(a * dt) * Math.cos(b * dt);
      const im = Math.exp(a * dt) * Math.sin(b * dt);
      const { growth, freq } = continuousRate(re, im, dt);
      expect(Math.abs(growth - a)).toBeLessThan(1e-12);
      expect(Math.abs(freq - b)).toBeLessThan(1e-12);
    });
  }

  it('uses the principal branch: angles beyond π wrap into (−π, π]', () => {
    const dt = 1;
    const b = 4; // 4 rad wraps to 4 − 2π
    const { freq } = continuousRate(Math.cos(b), Math.sin(b), dt);
    expect(Math.abs(freq - (b - 2 * Math.PI))).toBeLessThan(1e-12);
  });

  it('λ = 0 gives growth −∞ and λ = −1 gives frequency π/Δt', () => {
    expect(continuousRate(0, 0, 0.1).growth).toBe(-Infinity);
    expect(continuousRate(-1, 0, 0.5).freq).toBeCloseTo(Math.PI / 0.5, 12);
  });

  it('eigenInfo reports |λ|, arg λ and the rates per eigenvalue', () => {
    const info = eigenInfo(Float64Array.of(0, 1), Float64Array.of(2, 0), 0.1);
    expect(info.abs).toEqual([2, 1]);
    expect(info.angle[0]).toBeCloseTo(Math.PI / 2, 15);
    expect(info.growth[0]).toBeCloseTo(Math.log(2) / 0.1, 12);
    expect(info.growth[1]).toBe(0);
    expect(info.freq[1]).toBe(0);
  });

  it('flags |λ| > 1 + 1e-9 as unstable, not the exact unit-circle eigenvalue 1', () => {
    expect(isUnstable(1, 0)).toBe(false);
    expect(isUnstable(1 + 1e-12, 0)).toBe(false);
    expect(isUnstable(0.8, 0.61)).toBe(true); // |λ| ≈ 1.006
  });
});

describe('reference angles k·ω·Δt', () => {
  it('gives 11 marks at k = −5..5 on the unit circle (to 1e-15)', () => {
    const omega = 0.94296;
    const dt = 0.1;
    const marks = referenceAngles(omega, dt, 5);
    expect(marks.map((m) => m.k)).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    for (const m of marks) {
      expect(m.angle).toBeCloseTo(m.k * omega * dt, 15);
      expect(Math.abs(Math.hypot(m.re, m.im) - 1)).toBeLessThan(1e-15);
      expect(Math.abs(Math.atan2(m.im, m.re) - m.angle)).toBeLessThan(1e-15);
    }
  });

  it('looks up ω for van der Pol μ = 1 and λ_max for Lorenz-63 from the registry', () => {
    expect(referenceFor(defaultConfig('vanderpol'))).toEqual({ omega: 0.94296, lyapunov: null });
    expect(referenceFor(defaultConfig('lorenz'))).toEqual({ omega: null, lyapunov: 0.9056 });
    const off = { ...defaultConfig('vanderpol'), mu: 1.3 };
    expect(referenceFor(off)).toEqual({ omega: null, lyapunov: null });
  });

  it('finds the same ω for the forced van der Pol oscillator (one registry for every family)', () => {
    // The controlled view's spectrum used to look facts up among the free systems only.
    expect(referenceFor(defaultConfig('forcedvdp')).omega).toBe(0.94296);
    expect(referenceFor(defaultConfig('weather'))).toEqual({ omega: null, lyapunov: null });
  });
});

describe('slicing the flat count×(H+1)×d arrays', () => {
  // Value encodes its own indices: 100·i + 10·t + j, so any stride mistake shows up exactly.
  const count = 3;
  const steps = 4;
  const dim = 2;
  const flat = new Float64Array(count * steps * dim);
  for (let i = 0; i < count; i++)
    for (let t = 0; t < steps; t++)
      for (let j = 0; j < dim; j++) flat[(i * steps + t) * dim + j] = 100 * i + 10 * t + j;

  it('picks component j of test i', () => {
    expect(testComponent(flat, steps, dim, 2, 1)).toEqual([201, 211, 221, 231]);
    expect(testSeries(flat, steps, dim, 1)).toEqual([
      [100, 110, 120, 130],
      [101, 111, 121, 131],
    ]);
  });

  it('picks row i of a count×(H+1) error array', () => {
    const err = Float64Array.from({ length: count * steps }, (_, k) => k);
    expect(testRow(err, steps, 1)).toEqual([4, 5, 6, 7]);
  });

  it('builds time axes in model time and Lyapunov times', () => {
    expect(timeAxis(3, 0.5)).toEqual([0, 0.5, 1]);
    expect(timeAxis(3, 0.01, 0.9056)[2]).toBeCloseTo(0.02 * 0.9056, 15);
  });

  it('picks columns of n×stride blocks and clamps test indices', () => {
    const block = Float64Array.of(1, 10, 2, 20, 3, 30); // 3 rows × 2
    expect(column(block, 2, 1, 2, 1)).toEqual([20, 30]);
    expect([clampIndex(-3, 5), clampIndex(2.7, 5), clampIndex(9, 5), clampIndex(0, 0)]).toEqual([
      0, 2, 4, 0,
    ]);
  });

  it('joins sampled training states into one path per trajectory, a null between two', () => {
    // 5 rows × 2: trajectories 0, 0, 1, 3, 3.
    const x = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    const traj = Int32Array.of(0, 0, 1, 3, 3);
    expect(trajectoryPaths(x, traj, 5, 2)).toEqual([
      [1, 3, null, 5, null, 7, 9],
      [2, 4, null, 6, null, 8, 10],
    ]);
    expect(trajectoryPaths(x, traj, 0, 2)).toEqual([[], []]);
  });

  it('finds per-component ranges over all tests', () => {
    expect(componentRanges(flat, dim)).toEqual([
      [0, 230],
      [1, 231],
    ]);
  });
});

describe('log floor and ranges', () => {
  it('floors 0 and negatives at 1e-16 and turns non-finite values into gaps', () => {
    const out = logFloor([0, -1, 1e-20, 1e-3, NaN, Infinity]);
    expect(out.slice(0, 4)).toEqual([LOG_FLOOR, LOG_FLOOR, LOG_FLOOR, 1e-3]);
    expect(Number.isNaN(out[4]) && Number.isNaN(out[5])).toBe(true);
  });

  it('covers the data in whole decades, includes ε, ignores the floor, caps at 1e2', () => {
    expect(logRange([[0, 3e-9, 0.02]], [0.4])).toEqual([-9, 0]);
    expect(logRange([[1e-3, 1e30]])).toEqual([-3, 2]);
    expect(logRange([[0, 0]])).toEqual([-16, 0]);
  });
});

describe('inputs, gaps and sums', () => {
  it('holds each input over its step and draws the last hold to its end', () => {
    const u = Float64Array.from([1, 10, 2, 20, 3, 30]); // 3 steps × p = 2
    expect(steppedInput(u, 2, 1, 0.5)).toEqual({ x: [0, 0.5, 1, 1.5], y: [10, 20, 30, 30] });
    expect(steppedInput(Float64Array.from([NaN]), 1, 0, 1).y).toEqual([null, null]);
  });

  it('gaps, positives, sums and padded ranges', () => {
    expect(gaps([1, NaN, -Infinity, -2])).toEqual([1, null, null, -2]);
    expect(positive([1, 0, -1, NaN, Infinity, 2])).toEqual([1, null, null, null, null, 2]);
    expect(cumulative([1, 2, 3])).toEqual([1, 3, 6]);
    expect(padded([[0, 10], [5]])).toEqual([-0.8, 10.8]);
    expect(padded([[1, 1]])).toEqual([0.9, 1.1]);
    expect(padded([[NaN]])).toEqual([-1, 1]);
  });
});

describe('divergence clipping', () => {
  it('widens the truth range by one span on each side', () => {
    expect(displayBox([-2, 2])).toEqual([-6, 6]);
  });

  it('cuts every component from the first sample that leaves its box or is non-finite', () => {
    const boxes: [number, number][] = [
      [-6, 6],
      [-6, 6],
    ];
    const { clipped, divergedAt } = clipDiverged(
      [
        [0, 1, 2, 3, 4],
        [0, 1, 7, 1, 0],
      ],
      boxes,
    );
    expect(divergedAt).toBe(2);
    expect(clipped[0].slice(0, 2)).toEqual([0, 1]);
    expect(clipped.every((s) => s.slice(2).every(Number.isNaN))).toBe(true);

    expect(clipDiverged([[0, Infinity, 0]], [[-1, 1]]).divergedAt).toBe(1);
    const inside = clipDiverged([[0, 0.5]], [[-1, 1]]);
    expect(inside.divergedAt).toBe(null);
    expect(inside.clipped).toEqual([[0, 0.5]]);
  });
});

describe('segment traces', () => {
  it('draws each SWIM pair as a segment with null separators', () => {
    // M = 2 pairs in 2-D: (0,0)–(1,1) and (2,2)–(3,5).
    const pp = Float64Array.of(0, 0, 1, 1, 2, 2, 3, 5);
    const seg = pairSegments(pp, 2, 300);
    expect(seg.total).toBe(2);
    expect(seg.drawn).toBe(2);
    expect(seg.coords[0]).toEqual([0, 1, null, 2, 3, null]);
    expect(seg.coords[1]).toEqual([0, 1, null, 2, 5, null]);
  });

  it('caps the number of segments, spreading them evenly over the neurons', () => {
    const M = 1000;
    const pp = Float64Array.from({ length: M * 2 * 3 }, (_, k) => Math.floor(k / 6)); // value = neuron index
    const seg = pairSegments(pp, 3, 300);
    expect(seg.drawn).toBe(300);
    expect(seg.total).toBe(M);
    expect(seg.coords[2].length).toBe(900);
    expect(seg.coords[0][0]).toBe(0);
    expect(seg.coords[0][3 * 299]).toBe(Math.floor((299 * M) / 300));
    expect(evenSubset(5, 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('joins several series on a shared x with gaps', () => {
    expect(
      joinWithGaps(
        [0, 1],
        [
          [5, 6],
          [7, 8],
        ],
      ),
    ).toEqual({ x: [0, 1, null, 0, 1, null], y: [5, 6, null, 7, 8, null] });
  });
});
