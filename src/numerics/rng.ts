/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018) on four 32-bit words,
 * seeded through splitmix32 so that nearby seeds give unrelated streams. Pure 32-bit integer
 * arithmetic (Math.imul, >>>) makes every draw bit-identical in Node and in any browser.
 *
 * Normals use Marsaglia's polar method with the engine-independent logDet.
 *
 * Every random draw in the core comes from a `Rng` passed in as an argument; nothing reads a global.
 */
import { logDet } from './logDet';

export interface Rng {
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform double in [lo, hi). */
  range(lo: number, hi: number): number;
  /** Uniform integer in [0, n), n ≥ 1 (rejection sampling, no modulo bias). */
  int(n: number): number;
  /** Standard normal N(0, 1) by Marsaglia's polar method (one value per call, the pair's twin cached). */
  normal(): number;
  /** An independent generator derived from this one's stream (for a sub-task that must not shift others). */
  fork(): Rng;
}

/** splitmix32 step: a 32-bit mixer used only to expand a seed into generator state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Creates a xoshiro128** generator from an integer seed in [0, 2^32). */
export function createRng(seed: number): Rng {
  const sm = { s: seed >>> 0 };
  let s0 = splitmix32(sm);
  let s1 = splitmix32(sm);
  let s2 = splitmix32(sm);
  let s3 = splitmix32(sm);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  let spare: number | null = null;
  const rng: Rng = {
    uniform() {
      // 27 high bits of one draw and 26 of the next → 53-bit mantissa, as in Java's nextDouble.
      const a = next32() >>> 5;
      const b = next32() >>> 6;
      return (a * 67108864 + b) / 9007199254740992;
    },
    range(lo, hi) {
      return lo + (hi - lo) * rng.uniform();
    },
    int(n) {
      if (!(n >= 1)) throw new RangeError(`rng.int needs n ≥ 1, got ${n}`);
      const limit = Math.floor(4294967296 / n) * n;
      let x = next32();
      while (x >= limit) x = next32();
      return x % n;
    },
    normal() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      // Marsaglia's polar method: only +, ×, sqrt (exact in IEEE) and the engine-independent
      // logDet, so normals are bit-identical in every engine (Box–Muller's sin/cos are not).
      let u: number, v: number, s: number;
      do {
        u = 2 * rng.uniform() - 1;
        v = 2 * rng.uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * logDet(s)) / s);
      spare = v * f;
      return u * f;
    },
    fork() {
      return createRng(next32());
    },
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
