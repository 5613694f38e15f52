/**
 * Input signals u_t ∈ R^p for controlled systems, sampled once per Δt and held over
 * [tΔt, (t+1)Δt) (zero-order hold): random piecewise-constant training inputs and the test signals
 * of prediction under new inputs (sine, step, chirp, random steps). Sines use the
 * engine-independent sinDet, so every signal is bit-identical in Node and in browsers.
 */
import type { Rng } from '../numerics/rng';
import { sinDet, TRIG_DET_MAX } from '../numerics/trigDet';

/** Test input signals for prediction under new inputs. */
export const INPUT_SIGNALS = ['sine', 'step', 'chirp', 'steps'] as const;
export type InputSignalKind = (typeof INPUT_SIGNALS)[number];

function checkInt(fn: string, name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min)
    throw new RangeError(`${fn}: ${name} must be an integer ≥ ${min}, got ${v}`);
}

function checkAmp(fn: string, amp: number): void {
  if (!Number.isFinite(amp) || amp < 0)
    throw new RangeError(`${fn}: amp must be finite and ≥ 0, got ${amp}`);
}

/**
 * Piecewise-constant random training inputs: count trajectories × steps × p, row-major
 * [(j·steps + t)·p + i]; each level uniform in [−amp, amp] drawn with rng.range(-amp, amp), held
 * for holdSteps steps (the last hold may be cut short); draw order: trajectory by trajectory, hold
 * by hold, input by input (count·⌈steps/holdSteps⌉·p draws).
 */
export function trainingInputs(
  rng: Rng,
  count: number,
  steps: number,
  p: number,
  amp: number,
  holdSteps: number,
): Float64Array {
  const fn = 'trainingInputs';
  checkInt(fn, 'count', count, 0);
  checkInt(fn, 'steps', steps, 0);
  checkInt(fn, 'p', p, 1);
  checkInt(fn, 'holdSteps', holdSteps, 1);
  checkAmp(fn, amp);
  const u = new Float64Array(count * steps * p);
  for (let j = 0; j < count; j++) {
    for (let t0 = 0; t0 < steps; t0 += holdSteps) {
      const t1 = Math.min(t0 + holdSteps, steps);
      for (let i = 0; i < p; i++) {
        const level = rng.range(-amp, amp);
        for (let t = t0; t < t1; t++) u[(j * steps + t) * p + i] = level;
      }
    }
  }
  return u;
}

/** Whole Δt steps per hold: max(1, round(holdTime/dt)); holdTime ≥ 0 and dt > 0 (model time). */
export function holdSteps(holdTime: number, dt: number): number {
  if (!Number.isFinite(holdTime) || holdTime < 0)
    throw new RangeError(`holdSteps: holdTime must be finite and ≥ 0, got ${holdTime}`);
  if (!Number.isFinite(dt) || dt <= 0)
    throw new RangeError(`holdSteps: dt must be finite and > 0, got ${dt}`);
  return Math.max(1, Math.round(holdTime / dt));
}

export interface TestSignalSpec {
  kind: InputSignalKind;
  /** Amplitude A ≥ 0 (input units). */
  amp: number;
  /** Angular frequency ω (rad/time): of the sine, and the final frequency of the chirp. */
  freq: number;
  /** Step Δt (model time). */
  dt: number;
  /** Number of steps H ≥ 1; the signal spans T = H·Δt. */
  horizon: number;
  /** Steps per level of the random 'steps' signal. */
  holdSteps: number;
}

const fmt = (x: number): string => String(+x.toPrecision(4));

/**
 * The test input u_t, t = 0…horizon−1 (horizon×p, all p inputs the same signal), sampled at
 * t·Δt (zero-order hold), and a short label. With τ = t·Δt and T = horizon·Δt:
 *   sine   u = A·sin(ωτ);
 *   step   u = 0 for t < ⌊H/10⌋, A from then on (the switch at ≈ T/10);
 *   chirp  u = A·sin(φ(τ)), φ(τ) = ωτ²/(2T): instantaneous frequency φ′ = ωτ/T rises 0 → ω;
 *   steps  random levels uniform in [−A, A] held holdSteps steps (draws ⌈H/holdSteps⌉ numbers
 *          from rng, as trainingInputs with count = p = 1; the other kinds draw nothing).
 */
export function testSignal(
  spec: TestSignalSpec,
  p: number,
  rng: Rng,
): { u: Float64Array; label: string } {
  const { kind, amp: A, freq: w, dt, horizon: H } = spec;
  const fn = 'testSignal';
  checkInt(fn, 'horizon', H, 1);
  checkInt(fn, 'p', p, 1);
  checkInt(fn, 'holdSteps', spec.holdSteps, 1);
  checkAmp(fn, A);
  if (!Number.isFinite(w)) throw new RangeError(`${fn}: freq must be finite, got ${w}`);
  if (!Number.isFinite(dt) || dt <= 0)
    throw new RangeError(`${fn}: dt must be finite and > 0, got ${dt}`);
  const T = H * dt;
  if ((kind === 'sine' || kind === 'chirp') && !(Math.abs(w) * T <= TRIG_DET_MAX))
    throw new RangeError(
      `${fn}: freq·horizon·dt must be ≤ ${fmt(TRIG_DET_MAX)} rad (sinDet's domain)`,
    );
  const s = new Float64Array(H);
  let label: string;
  if (kind === 'sine') {
    for (let t = 0; t < H; t++) s[t] = A * sinDet(w * (t * dt));
    label = `sine, A = ${fmt(A)}, ω = ${fmt(w)} rad/time`;
  } else if (kind === 'step') {
    const t0 = Math.floor(H / 10);
    for (let t = t0; t < H; t++) s[t] = A;
    label = `step to A = ${fmt(A)} at t = ${fmt(t0 * dt)}`;
  } else if (kind === 'chirp') {
    for (let t = 0; t < H; t++) {
      const tau = t * dt;
      s[t] = A * sinDet((w * tau * tau) / (2 * T));
    }
    label = `chirp, A = ${fmt(A)}, ω 0 → ${fmt(w)} rad/time`;
  } else if (kind === 'steps') {
    s.set(trainingInputs(rng, 1, H, 1, A, spec.holdSteps));
    label = `random steps, A = ${fmt(A)}, hold ${fmt(spec.holdSteps * dt)}`;
  } else {
    throw new RangeError(`${fn}: unknown kind ${String(kind)}`);
  }
  const u = new Float64Array(H * p);
  for (let t = 0; t < H; t++) u.fill(s[t], t * p, (t + 1) * p);
  return { u, label };
}
