import { describe, expect, it } from 'vitest';
import {
  holdSteps,
  testSignal,
  trainingInputs,
  type TestSignalSpec,
} from '../../src/sources/signals';
import { createRng } from '../../src/numerics/rng';

const at = (u: Float64Array, steps: number, p: number, j: number, t: number, i: number) =>
  u[(j * steps + t) * p + i];

describe('trainingInputs', () => {
  const count = 5;
  const steps = 23; // not a multiple of the hold: the last hold is cut short
  const p = 2;
  const amp = 1.7;
  const hold = 4;
  const u = trainingInputs(createRng(11), count, steps, p, amp, hold);

  it('has shape count×steps×p with levels in [−amp, amp]', () => {
    expect(u.length).toBe(count * steps * p);
    for (const v of u) {
      expect(v).toBeGreaterThanOrEqual(-amp);
      expect(v).toBeLessThanOrEqual(amp);
    }
  });

  it('is constant within each hold and changes at every hold boundary', () => {
    for (let j = 0; j < count; j++) {
      for (let i = 0; i < p; i++) {
        for (let t = 1; t < steps; t++) {
          const same = at(u, steps, p, j, t, i) === at(u, steps, p, j, t - 1, i);
          expect(same).toBe(t % hold !== 0);
        }
      }
    }
  });

  it('follows the documented draw order (trajectory, hold, input)', () => {
    const rng = createRng(11);
    for (let j = 0; j < count; j++) {
      for (let t0 = 0; t0 < steps; t0 += hold) {
        for (let i = 0; i < p; i++) {
          const level = rng.range(-amp, amp);
          for (let t = t0; t < Math.min(t0 + hold, steps); t++) {
            expect(at(u, steps, p, j, t, i)).toBe(level);
          }
        }
      }
    }
    // Exactly count·⌈steps/hold⌉·p draws: the next draw matches a fresh replay.
    const replay = createRng(11);
    for (let k = 0; k < count * Math.ceil(steps / hold) * p; k++) replay.uniform();
    const after = createRng(11);
    trainingInputs(after, count, steps, p, amp, hold);
    expect(after.uniform()).toBe(replay.uniform());
  });

  it('is reproducible per seed, and trajectories differ', () => {
    expect(trainingInputs(createRng(11), count, steps, p, amp, hold)).toEqual(u);
    expect(trainingInputs(createRng(12), count, steps, p, amp, hold)).not.toEqual(u);
    const traj = (j: number) => u.subarray(j * steps * p, (j + 1) * steps * p);
    for (let j = 1; j < count; j++) expect(traj(j)).not.toEqual(traj(0));
  });

  it('throws a RangeError naming the bad argument', () => {
    const rng = createRng(1);
    expect(() => trainingInputs(rng, 2, 10, 0, 1, 1)).toThrow(/\bp\b/);
    expect(() => trainingInputs(rng, 2, 10, 1, 1, 0)).toThrow(RangeError);
    expect(() => trainingInputs(rng, 2, 10, 1, 1, 0)).toThrow(/holdSteps/);
    expect(() => trainingInputs(rng, 2, 10, 1, -1, 1)).toThrow(/amp/);
    expect(() => trainingInputs(rng, 2, 10, 1, NaN, 1)).toThrow(/amp/);
    expect(() => trainingInputs(rng, -1, 10, 1, 1, 1)).toThrow(/count/);
    expect(() => trainingInputs(rng, 2, 2.5, 1, 1, 1)).toThrow(/steps/);
  });
});

describe('holdSteps', () => {
  it('rounds holdTime/dt to whole steps, at least 1', () => {
    expect(holdSteps(0.5, 0.1)).toBe(5);
    expect(holdSteps(0.54, 0.1)).toBe(5);
    expect(holdSteps(0.56, 0.1)).toBe(6);
    expect(holdSteps(0.01, 0.1)).toBe(1);
    expect(holdSteps(0, 0.1)).toBe(1);
    expect(holdSteps(3, 1)).toBe(3);
  });

  it('throws a RangeError naming the bad argument', () => {
    expect(() => holdSteps(-1, 0.1)).toThrow(RangeError);
    expect(() => holdSteps(-1, 0.1)).toThrow(/holdTime/);
    expect(() => holdSteps(Infinity, 0.1)).toThrow(/holdTime/);
    expect(() => holdSteps(1, 0)).toThrow(/dt/);
    expect(() => holdSteps(1, NaN)).toThrow(/dt/);
  });
});

describe('testSignal', () => {
  const base: TestSignalSpec = {
    kind: 'sine',
    amp: 1.3,
    freq: 1.5,
    dt: 0.05,
    horizon: 400,
    holdSteps: 7,
  };
  const p = 2;

  /** Checks shape horizon×p and that every input carries the same signal; returns input 0. */
  function channel(u: Float64Array, H: number): Float64Array {
    expect(u.length).toBe(H * p);
    const s = new Float64Array(H);
    for (let t = 0; t < H; t++) {
      s[t] = u[t * p];
      for (let i = 1; i < p; i++) expect(u[t * p + i]).toBe(s[t]);
    }
    return s;
  }

  it('sine: u_t = A·sin(ω tΔt) within 1e-14', () => {
    const { u, label } = testSignal(base, p, createRng(1));
    const s = channel(u, base.horizon);
    for (let t = 0; t < base.horizon; t++) {
      expect(Math.abs(s[t] - base.amp * Math.sin(base.freq * (t * base.dt)))).toBeLessThan(1e-14);
    }
    expect(label).toBe('sine, A = 1.3, ω = 1.5 rad/time');
  });

  it('step: 0 before step ⌊H/10⌋, A from then on', () => {
    const spec: TestSignalSpec = { ...base, kind: 'step', horizon: 97 };
    const { u, label } = testSignal(spec, p, createRng(1));
    const s = channel(u, spec.horizon);
    for (let t = 0; t < spec.horizon; t++) expect(s[t]).toBe(t >= 9 ? spec.amp : 0);
    expect(label).toBe('step to A = 1.3 at t = 0.45');
  });

  it('chirp: u_t = A·sin(ω τ²/(2T)) within 1e-12, zero crossings at the phase multiples of π', () => {
    const spec: TestSignalSpec = { ...base, kind: 'chirp', freq: 4, horizon: 1000, dt: 0.02 };
    const { u, label } = testSignal(spec, p, createRng(1));
    const s = channel(u, spec.horizon);
    const T = spec.horizon * spec.dt;
    const phase = (tau: number) => (spec.freq * tau * tau) / (2 * T);
    let crossings = 0;
    for (let t = 0; t < spec.horizon; t++) {
      const tau = t * spec.dt;
      expect(Math.abs(s[t] - spec.amp * Math.sin(phase(tau)))).toBeLessThan(1e-12);
      if (t > 0 && s[t - 1] * s[t] < 0) crossings++;
    }
    // φ rises to φ(τ_{H−1}) ≈ ωT/2 = 40 rad: one sign change per multiple of π passed.
    expect(crossings).toBe(Math.floor(phase((spec.horizon - 1) * spec.dt) / Math.PI));
    expect(label).toBe('chirp, A = 1.3, ω 0 → 4 rad/time');
  });

  it('steps: bounded, piecewise constant over holdSteps, reproducible; other kinds draw nothing', () => {
    const spec: TestSignalSpec = { ...base, kind: 'steps' };
    const { u, label } = testSignal(spec, p, createRng(5));
    const s = channel(u, spec.horizon);
    for (let t = 0; t < spec.horizon; t++) {
      expect(Math.abs(s[t])).toBeLessThanOrEqual(spec.amp);
      if (t > 0) expect(s[t] === s[t - 1]).toBe(t % spec.holdSteps !== 0);
    }
    expect(testSignal(spec, p, createRng(5)).u).toEqual(u);
    expect(label).toBe('random steps, A = 1.3, hold 0.35');

    for (const kind of ['sine', 'step', 'chirp'] as const) {
      const rng = createRng(9);
      testSignal({ ...base, kind }, p, rng);
      expect(rng.uniform()).toBe(createRng(9).uniform());
    }
  });

  it('throws a RangeError naming the bad argument', () => {
    const rng = createRng(1);
    const bad: Array<[Partial<TestSignalSpec>, number, RegExp]> = [
      [{ horizon: 0 }, p, /horizon/],
      [{ horizon: 2.5 }, p, /horizon/],
      [{}, 0, /\bp\b/],
      [{ holdSteps: 0 }, p, /holdSteps/],
      [{ amp: -1 }, p, /amp/],
      [{ amp: Infinity }, p, /amp/],
      [{ amp: NaN }, p, /amp/],
      [{ dt: 0 }, p, /dt/],
      [{ freq: NaN }, p, /freq/],
      [{ freq: 1e6, horizon: 1000, dt: 1 }, p, /freq/],
    ];
    for (const [patch, pp, name] of bad) {
      const f = () => testSignal({ ...base, ...patch }, pp, rng);
      expect(f).toThrow(RangeError);
      expect(f).toThrow(name);
    }
  });
});
