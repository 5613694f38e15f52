import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode, encode, encodedSize, encodeInto } from '../../src/method/poolCodec';

/** Bits of every number and typed-array element, walked in the same order (NaN payloads, −0). */
function bitsOf(v: unknown): unknown {
  if (typeof v === 'number') {
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, v);
    return ['n', b.getBigUint64(0).toString(16)];
  }
  if (v instanceof Float64Array)
    return ['f64', Array.from(new BigUint64Array(v.slice().buffer), (x) => x.toString(16))];
  if (v instanceof Int32Array) return ['i32', Array.from(v)];
  if (Array.isArray(v)) return v.map(bitsOf);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bitsOf(x)]));
  return v;
}

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.double(),
    fc.string({ unit: 'binary' }),
    fc.float64Array({ maxLength: 40 }),
    fc.int32Array({ maxLength: 40 }),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 5 }),
  ),
})).node;

describe('pool answer codec (src/method/poolCodec.ts)', () => {
  it('round-trips any value of the carried kinds bit for bit (fast-check, 500 cases)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = encode(v);
        expect(bytes.byteLength).toBe(encodedSize(v));
        expect(bitsOf(decode(bytes))).toEqual(bitsOf(v));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps NaN payloads, −0, ±Infinity and subnormals', () => {
    const odd = new Float64Array(5);
    new BigUint64Array(odd.buffer).set([
      0x7ff8000000000123n,
      0x8000000000000000n,
      0x7ff0000000000000n,
      1n,
      0xfff0000000000000n,
    ]);
    const back = decode(encode({ a: odd, b: [odd[0], odd[1], odd[3]] })) as {
      a: Float64Array;
      b: number[];
    };
    expect(Array.from(new BigUint64Array(back.a.buffer))).toEqual(
      Array.from(new BigUint64Array(odd.buffer)),
    );
    expect(Object.is(back.b[1], -0)).toBe(true);
    expect(back.b[2]).toBe(5e-324);
  });

  it('reads views into a larger shared buffer and returns arrays that own their memory', () => {
    const v = { rows: new Float64Array([1.5, -2, 3]), at: new Int32Array([7, -1]), kind: 'nan' };
    const sab = new SharedArrayBuffer(encodedSize(v) + 64);
    const bytes = new Uint8Array(sab);
    expect(encodeInto(v, bytes)).toBe(encodedSize(v));
    const back = decode(bytes) as typeof v;
    expect(back.rows.buffer).not.toBe(sab);
    expect(back.rows.buffer instanceof ArrayBuffer).toBe(true);
    expect(Array.from(back.rows)).toEqual([1.5, -2, 3]);
    expect(Array.from(back.at)).toEqual([7, -1]);
    expect(back.kind).toBe('nan');
  });

  it('encodes a typed array that is a view into a bigger buffer as the view only', () => {
    const big = new Float64Array([9, 1, 2, 3, 9]);
    expect(Array.from(decode(encode(big.subarray(1, 4))) as Float64Array)).toEqual([1, 2, 3]);
  });

  it('refuses what it cannot carry, naming the type', () => {
    expect(() => encode({ f: () => 1 })).toThrow(/function/);
    expect(() => encode(10n)).toThrow(/bigint/);
  });

  it('reports a corrupt answer instead of returning garbage', () => {
    expect(() => decode(new Uint8Array([42]))).toThrow(/unknown tag 42/);
  });
});
