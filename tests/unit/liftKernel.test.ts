import { describe, expect, it } from 'vitest';
import {
  createLifter,
  liftDefaultKernel,
  tanhDetWasm,
  type LiftActivation,
  type Lifter,
} from '../../src/numerics/kernels/lift';
import { TANH_SAT, tanhDet } from '../../src/numerics/kernels/tanhDet';
import type { KernelName } from '../../src/numerics/kernels/gramKernels';
import { createRng } from '../../src/numerics/rng';

/** Seeded uniform [0, 1) stream from the project's generator (xoshiro128**). */
const seededUniform = (seed: number): (() => number) => {
  const rng = createRng(seed);
  return () => rng.uniform();
};

/** Bit-for-bit equality, except that any NaN equals any NaN (IEEE/wasm leave NaN bits open). */
function expectSameBits(got: Float64Array, want: Float64Array, what: string): void {
  expect(got.length).toBe(want.length);
  const ug = new Uint32Array(got.buffer, got.byteOffset, got.length * 2);
  const uw = new Uint32Array(want.buffer, want.byteOffset, want.length * 2);
  for (let i = 0; i < want.length; i++) {
    if (Number.isNaN(want[i]) && Number.isNaN(got[i])) continue;
    if (ug[2 * i] !== uw[2 * i] || ug[2 * i + 1] !== uw[2 * i + 1]) {
      throw new Error(
        `${what}: entry ${i}: ${Object.is(got[i], -0) ? '-0' : got[i]} !== ${
          Object.is(want[i], -0) ? '-0' : want[i]
        }`,
      );
    }
  }
}

/** Doubles with random sign, exponent in [2^emin, 2^emax) and random mantissa bits. */
function randomBitsDoubles(rand: () => number, n: number, emin: number, emax: number) {
  const out = new Float64Array(n);
  const u = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    const e = 1023 + emin + Math.floor(rand() * (emax - emin));
    const sign = rand() < 0.5 ? 0x80000000 : 0;
    u[2 * i] = Math.floor(rand() * 4294967296) >>> 0;
    u[2 * i + 1] = (sign | (e << 20) | Math.floor(rand() * 1048576)) >>> 0;
  }
  return out;
}

/** Edge cases for tanhDet: zeros, subnormals, the 2^-28 and 19.1 thresholds, ±Inf, NaN, ... */
function edgeCases(): Float64Array {
  const v: number[] = [0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, Infinity];
  v.push(-Infinity, NaN, 1e300, Number.MAX_VALUE, 40, 30, 20, 19.2, TANH_SAT, 19, 18.7, 1, 0.5);
  const next = (x: number, dir: number): number => {
    const f = new Float64Array([x]);
    const b = new BigInt64Array(f.buffer);
    b[0] += BigInt(dir);
    return f[0];
  };
  for (const x of [2 ** -28, TANH_SAT, 0.55, Math.LN2 / 4, (3 * Math.LN2) / 4, 1, 2 ** -1074]) {
    for (let k = -3; k <= 3; k++) v.push(next(x, k));
  }
  // u = 2|z| at the rounding ties of k = round(u/ln2) and near every k used (k ≤ 55).
  for (let k = 0; k <= 56; k++) {
    const half = ((k + 0.5) * Math.LN2) / 2;
    for (let t = -2; t <= 2; t++) v.push(next(half, t), next((k * Math.LN2) / 2, t));
  }
  for (let e = -60; e <= 6; e++) v.push(2 ** e, -(2 ** e));
  const withNeg = v.flatMap((x) => [x, -x]);
  return new Float64Array(withNeg);
}

const TANH_REF: [number, number][] = [
  // [z, tanh(z) correctly rounded] from mpmath with 200-bit precision.
  [1e-9, 1e-9],
  [3.725290298461914e-9, 3.725290298461914e-9],
  [1e-5, 9.999999999666668e-6],
  [0.001, 0.0009999996666668],
  [0.1, 0.09966799462495582],
  [0.17328679513998632, 0.1715728752538099],
  [0.25, 0.24491866240370913],
  [0.3465735902799727, 0.33333333333333337],
  [0.5, 0.46211715726000974],
  [0.5493061443340549, 0.5],
  [0.55, 0.5005202111902353],
  [0.75, 0.6351489523872873],
  [1.0, 0.7615941559557649],
  [1.5, 0.9051482536448664],
  [2.0, 0.9640275800758169],
  [2.5, 0.9866142981514303],
  [3.0, 0.9950547536867305],
  [4.0, 0.999329299739067],
  [5.5, 0.9999665971563038],
  [7.0, 0.9999983369439447],
  [9.0, 0.999999969540041],
  [12.0, 0.9999999999244973],
  [15.0, 0.9999999999998128],
  [17.5, 0.9999999999999988],
  [18.7, 0.9999999999999999],
  [19.0, 0.9999999999999999],
  [19.1, 1.0],
];

/** Spacing of doubles at |x| (x normal, nonzero). */
function ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);
}

const WASM = liftDefaultKernel() === 'wasm-simd';

describe('tanhDet', () => {
  it('is within 4e-16 of Math.tanh on 2·10^6 points of [−30, 30]', () => {
    // Why 4e-16: |tanh| < 1, so an ulp of the result is ≤ 2^-53 ≈ 1.1e-16. tanhDet is within
    // ~2.2 ulp (≤ 1.6e-16 absolute) of the exact tanh (checked offline with 120-bit mpmath on
    // 2·10^5 points; the reference table below spot-checks it), and V8's Math.tanh (fdlibm) is
    // itself up to ~2 ulp (≈ 1.8e-16) off. The two errors add up to < 4e-16; the observed maximum
    // is 2.2e-16 (two ulps of a value in [0.5, 1)).
    const n = 2_000_000;
    const rand = seededUniform(1);
    let worst = 0;
    let at = 0;
    for (let i = 0; i <= n; i++) {
      const z = i % 2 === 0 ? -30 + (60 * i) / n : 60 * rand() - 30;
      const e = Math.abs(tanhDet(z) - Math.tanh(z));
      if (e > worst) {
        worst = e;
        at = z;
      }
    }
    expect(worst, `worst at z = ${at}`).toBeLessThanOrEqual(4e-16);
  });

  it('is within 2.5 ulp of correctly rounded reference values', () => {
    for (const [z, want] of TANH_REF) {
      for (const s of [1, -1]) {
        const got = tanhDet(s * z);
        expect(Math.abs(got - s * want), `z = ${s * z}`).toBeLessThanOrEqual(2.5 * ulp(want));
      }
    }
  });

  it('handles special values: NaN, ±Inf, saturation, tiny and signed zeros', () => {
    expect(tanhDet(NaN)).toBeNaN();
    expect(tanhDet(Infinity)).toBe(1);
    expect(tanhDet(-Infinity)).toBe(-1);
    expect(tanhDet(1e300)).toBe(1);
    expect(tanhDet(-25)).toBe(-1);
    // The formula itself gives exactly 1 at the threshold (the SIMD code relies on it).
    expect(tanhDet(TANH_SAT)).toBe(1);
    expect(tanhDet(-TANH_SAT)).toBe(-1);
    expect(Object.is(tanhDet(0), 0)).toBe(true);
    expect(Object.is(tanhDet(-0), -0)).toBe(true);
    expect(tanhDet(1e-300)).toBe(1e-300);
    expect(tanhDet(-5e-324)).toBe(-5e-324);
    expect(tanhDet(2 ** -29)).toBe(2 ** -29);
  });

  it('is odd and bounded by 1', () => {
    const rand = seededUniform(2);
    let bad = 0;
    for (let i = 0; i < 200_000; i++) {
      const z = 40 * rand() - 20;
      const y = tanhDet(z);
      if (!Object.is(tanhDet(-z), -y) || !(Math.abs(y) <= 1)) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe.skipIf(!WASM)('tanhDet: wasm (f64x2 and scalar) vs JS, bit for bit', () => {
  it('agrees on ≥ 10^6 points including edge cases', () => {
    const rand = seededUniform(3);
    const grid = 600_001; // odd: the f64x2 loop ends with a scalar element
    const parts = [
      Float64Array.from({ length: grid }, (_, i) => -30 + (60 * i) / (grid - 1)),
      randomBitsDoubles(rand, 300_000, -60, 6),
      Float64Array.from({ length: 200_000 }, () => 40 * rand() - 20),
      edgeCases(),
    ];
    const total = parts.reduce((s, p) => s + p.length, 0);
    expect(total).toBeGreaterThanOrEqual(1_000_000);
    const z = new Float64Array(total);
    let o = 0;
    for (const p of parts) {
      z.set(p, o);
      o += p.length;
    }
    const js = z.map(tanhDet);
    expectSameBits(tanhDetWasm(z), js, 'f64x2');
    expectSameBits(tanhDetWasm(z, { scalar: true }), js, 'scalar');
    // Each lane position of the f64x2 code sees the edge cases (shift by one element).
    expectSameBits(tanhDetWasm(z.subarray(1)), js.subarray(1), 'f64x2, shifted');
  });
});

/** The contract, written out: z_j = b_j + Σ_i W[j·d+i]·x_i in order, σ, then 1. */
function referenceLift(
  W: Float64Array,
  b: Float64Array,
  d: number,
  M: number,
  act: LiftActivation,
  states: Float64Array,
  start: number,
  rows: number,
): Float64Array {
  const m = M + 1;
  const out = new Float64Array(rows * m);
  for (let k = 0; k < rows; k++) {
    for (let j = 0; j < M; j++) {
      let z = b[j];
      for (let i = 0; i < d; i++) z = z + W[j * d + i] * states[(start + k) * d + i];
      out[k * m + j] = act === 'tanh' ? tanhDet(z) : Math.max(z, 0);
    }
    out[k * m + M] = 1;
  }
  return out;
}

/** W, b and states whose pre-activations range from tiny to saturating. */
function randomLayer(rand: () => number, d: number, M: number, nStates: number) {
  const W = new Float64Array(M * d);
  const b = new Float64Array(M);
  const states = new Float64Array(nStates * d);
  for (let i = 0; i < W.length; i++) W[i] = (2 * rand() - 1) * 10 ** (4 * rand() - 2);
  for (let j = 0; j < M; j++) b[j] = (2 * rand() - 1) * 10 ** (3 * rand() - 2);
  for (let i = 0; i < states.length; i++) states[i] = 6 * rand() - 3;
  return { W, b, states };
}

function lift(lifter: Lifter, states: Float64Array, start: number, rows: number): Float64Array {
  // Pad the output on both sides to catch writes outside [outOffset, outOffset + rows·m).
  const pad = 5;
  const buf = new Float64Array(rows * lifter.m + 2 * pad).fill(-7.5);
  lifter.liftRows(states, start, rows, buf, pad);
  for (let i = 0; i < pad; i++) {
    expect(buf[i]).toBe(-7.5);
    expect(buf[buf.length - 1 - i]).toBe(-7.5);
  }
  return buf.slice(pad, pad + rows * lifter.m);
}

const KERNELS: KernelName[] = WASM ? ['wasm-simd', 'js'] : ['js'];

describe('createLifter', () => {
  it('uses the wasm-simd kernel by default in Node 20', () => {
    expect(liftDefaultKernel()).toBe('wasm-simd');
    const l = createLifter(new Float64Array(2), new Float64Array(1), 2, 1, 'tanh');
    expect(l.kernel).toBe('wasm-simd');
    expect([l.d, l.width, l.m]).toEqual([2, 1, 2]);
  });

  it('wasm and JS give bit-identical Ψ, equal to the written-out contract', () => {
    const rand = seededUniform(4);
    const widths = [1, 2, 3, 5, 6, 7, 8, 9, 12, 13, 16, 17, 31, 37];
    const rowCounts = [1, 2, 3, 7, 64, 300];
    let cases = 0;
    for (let d = 1; d <= 5; d++) {
      for (const M of widths) {
        const { W, b, states } = randomLayer(rand, d, M, 310);
        for (const act of ['tanh', 'relu'] as const) {
          const lifters = KERNELS.map((k) => createLifter(W, b, d, M, act, k));
          for (const rows of rowCounts) {
            const start = Math.floor(rand() * (310 - rows));
            const want = referenceLift(W, b, d, M, act, states, start, rows);
            for (const l of lifters) {
              const got = lift(l, states, start, rows);
              expectSameBits(got, want, `${l.kernel} d=${d} M=${M} ${act} rows=${rows}`);
              for (let k = 0; k < rows; k++) expect(got[k * l.m + M]).toBe(1);
            }
            cases++;
          }
          for (const l of lifters) l.dispose();
        }
      }
    }
    expect(cases).toBe(5 * widths.length * 2 * rowCounts.length);
  });

  it('is independent of rows per call and chunking (wide layer, many rows)', () => {
    const rand = seededUniform(5);
    const d = 2;
    const M = 2100; // staging area holds < 300 rows of M + 1: calls of 300 rows are chunked
    const { W, b, states } = randomLayer(rand, d, M, 300);
    const want = referenceLift(W, b, d, M, 'tanh', states, 0, 300);
    for (const k of KERNELS) {
      const l = createLifter(W, b, d, M, 'tanh', k);
      expectSameBits(lift(l, states, 0, 300), want, `${k} one call`);
      const out = new Float64Array(300 * l.m);
      for (let r = 0; r < 300; r++) l.liftRows(states, r, 1, out, r * l.m);
      expectSameBits(out, want, `${k} row by row`);
      l.dispose();
    }
  });

  it('copies W and b', () => {
    const W = new Float64Array([0.5, -0.25]);
    const b = new Float64Array([0.125]);
    for (const k of KERNELS) {
      const Wc = W.slice();
      const bc = b.slice();
      const l = createLifter(Wc, bc, 2, 1, 'tanh', k);
      Wc.fill(100);
      bc.fill(100);
      const out = lift(l, new Float64Array([1, 2]), 0, 1);
      expect(out[0]).toBe(tanhDet(0.125 + 0.5 * 1 + -0.25 * 2));
    }
  });

  it('propagates NaN, saturates huge z to ±1 and keeps signed zeros consistent', () => {
    // Neuron 0: 1·x0 + 0·x1; neuron 1: −1·x0; neuron 2: −0 + 0·x0 + 0·x1; neuron 3: 1e300·x1.
    const d = 2;
    const M = 4;
    const W = new Float64Array([1, 0, -1, 0, 0, 0, 0, 1e300]);
    const b = new Float64Array([0, 0, -0, 0]);
    const states = new Float64Array([
      NaN,
      1, //   NaN state: everything NaN (0·NaN = NaN), last column 1
      1e5,
      -1, //  huge z: ±1
      -2,
      1, //    ordinary values
      -Infinity,
      0, // Inf state: ±1, and 0·(−Inf) = NaN for neuron 2
    ]);
    for (const k of KERNELS) {
      for (const act of ['tanh', 'relu'] as const) {
        const l = createLifter(W, b, d, M, act, k);
        const out = lift(l, states, 0, 4);
        expectSameBits(out, referenceLift(W, b, d, M, act, states, 0, 4), `${k} ${act}`);
        const m = l.m;
        for (let j = 0; j < M; j++) expect(out[j]).toBeNaN();
        for (let r = 0; r < 4; r++) expect(out[r * m + M]).toBe(1);
        if (act === 'tanh') {
          expect([out[m], out[m + 1], out[m + 3]]).toEqual([1, -1, -1]);
          expect(out[3 * m]).toBe(-1);
          expect(out[3 * m + 1]).toBe(1);
          expect(out[3 * m + 2]).toBeNaN();
        } else {
          expect([out[m], out[m + 1], out[m + 3]]).toEqual([1e5, 0, 0]);
          expect(out[3 * m + 1]).toBe(Infinity);
        }
      }
    }
    // Signed zeros: z = −0 exactly when b = −0 and every product is −0. M = 7 covers the f64x2
    // blocks and the scalar tail of the wasm kernel.
    const Mz = 7;
    const Wz = new Float64Array(2 * Mz).fill(1);
    const bz = new Float64Array(Mz).fill(-0);
    const xz = new Float64Array([-0, -0]);
    for (const k of KERNELS) {
      const t = lift(createLifter(Wz, bz, 2, Mz, 'tanh', k), xz, 0, 1);
      const r = lift(createLifter(Wz, bz, 2, Mz, 'relu', k), xz, 0, 1);
      for (let j = 0; j < Mz; j++) {
        expect(Object.is(t[j], -0), `${k} tanh(−0)`).toBe(true);
        expect(Object.is(r[j], 0), `${k} max(−0, 0) = +0`).toBe(true);
      }
    }
  });

  it('validates its arguments', () => {
    for (const k of KERNELS) {
      expect(() => createLifter(new Float64Array(3), new Float64Array(2), 2, 2, 'tanh', k)).toThrow(
        RangeError,
      );
      const l = createLifter(new Float64Array(4), new Float64Array(2), 2, 2, 'relu', k);
      const states = new Float64Array(6);
      expect(() => l.liftRows(states, 2, 2, new Float64Array(6), 0)).toThrow(RangeError);
      expect(() => l.liftRows(states, 0, 2, new Float64Array(5), 0)).toThrow(RangeError);
      expect(() => l.liftRows(states, 0, 1.5, new Float64Array(6), 0)).toThrow(RangeError);
      l.liftRows(states, 0, 0, new Float64Array(0), 0); // nothing to do
      l.dispose();
      // Width 0: Ψ = [1].
      expect(
        Array.from(
          lift(
            createLifter(new Float64Array(0), new Float64Array(0), 2, 0, 'tanh', k),
            states,
            1,
            2,
          ),
        ),
      ).toEqual([1, 1]);
      expect(() => l.liftRows(states, 0, 1, new Float64Array(3), 0)).toThrow(/dispose/);
    }
  });
});
