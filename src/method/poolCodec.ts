/**
 * The bytes a browser pool thread answers in (workers/browserPool.ts). The browser's run worker
 * waits for its pool threads with Atomics.wait and cannot receive a message while it waits, so a
 * thread writes its results into shared memory instead, in this format: a tagged, depth-first
 * encoding of the plain data the parallel ops return (src/method/parallel.ts) — null, undefined,
 * booleans, numbers, strings, arrays, plain objects, Float64Array and Int32Array. Numbers and
 * typed-array elements are copied as their 8 (or 4) bytes, so NaN payloads and −0 survive and a
 * decoded result is bit-identical to the encoded one (tests/unit/poolCodec.test.ts).
 *
 * Layout: one tag byte per value, then its payload; every multi-byte field starts at a multiple
 * of its size from the buffer start (padding skipped), little-endian (typed-array elements are
 * copied as the platform's bytes: every engine the lab runs on is little-endian).
 *   number: the f64; string: u32 length in UTF-16 code units, then the units (u16 each);
 *   array: u32 length, then the items; object: u32 key count, then key string, value, …;
 *   Float64Array / Int32Array: u32 length, then the elements.
 */

const enum Tag {
  Null = 0,
  Undefined = 1,
  False = 2,
  True = 3,
  Number = 4,
  String = 5,
  Array = 6,
  Object = 7,
  F64 = 8,
  I32 = 9,
}

const align = (offset: number, size: number): number => Math.ceil(offset / size) * size;

/** Bytes `encodeInto` will write for `v`, from offset `at`. */
function sizeAt(v: unknown, at: number): number {
  let o = at + 1;
  if (v === null || v === undefined || typeof v === 'boolean') return o;
  if (typeof v === 'number') return align(o, 8) + 8;
  if (typeof v === 'string') return align(o, 4) + 4 + 2 * v.length;
  o = align(o, 4) + 4;
  if (v instanceof Float64Array) return v.length === 0 ? o : align(o, 8) + 8 * v.length;
  if (v instanceof Int32Array) return o + 4 * v.length;
  if (Array.isArray(v)) {
    for (const x of v) o = sizeAt(x, o);
    return o;
  }
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) o = sizeAt(x, sizeAt(k, o));
    return o;
  }
  throw new TypeError(`the pool cannot carry a value of type ${typeof v}`);
}

/** The encoded size of `v` in bytes. */
export function encodedSize(v: unknown): number {
  return sizeAt(v, 0);
}

/** Writes `v` into `bytes` from offset 0 (`bytes.byteLength` ≥ encodedSize(v)); returns the end. */
export function encodeInto(v: unknown, bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const put = (x: unknown, at: number): number => {
    const tag = (t: Tag): number => {
      view.setUint8(at, t);
      return at + 1;
    };
    const u32 = (o: number, n: number): number => {
      const p = align(o, 4);
      view.setUint32(p, n, true);
      return p + 4;
    };
    if (x === null) return tag(Tag.Null);
    if (x === undefined) return tag(Tag.Undefined);
    if (typeof x === 'boolean') return tag(x ? Tag.True : Tag.False);
    if (typeof x === 'number') {
      const p = align(tag(Tag.Number), 8);
      view.setFloat64(p, x, true);
      return p + 8;
    }
    if (typeof x === 'string') {
      let o = u32(tag(Tag.String), x.length);
      for (let i = 0; i < x.length; i++, o += 2) view.setUint16(o, x.charCodeAt(i), true);
      return o;
    }
    if (x instanceof Float64Array) {
      let o = u32(tag(Tag.F64), x.length);
      if (x.length === 0) return o;
      o = align(o, 8);
      bytes.set(new Uint8Array(x.buffer, x.byteOffset, x.byteLength), o);
      return o + x.byteLength;
    }
    if (x instanceof Int32Array) {
      const o = u32(tag(Tag.I32), x.length);
      bytes.set(new Uint8Array(x.buffer, x.byteOffset, x.byteLength), o);
      return o + x.byteLength;
    }
    if (Array.isArray(x)) {
      let o = u32(tag(Tag.Array), x.length);
      for (const item of x) o = put(item, o);
      return o;
    }
    const entries = Object.entries(x as object);
    let o = u32(tag(Tag.Object), entries.length);
    for (const [k, item] of entries) o = put(item, put(k, o));
    return o;
  };
  return put(v, 0);
}

/** `v` encoded into a new buffer of exactly its size. */
export function encode(v: unknown): Uint8Array {
  const bytes = new Uint8Array(encodedSize(v));
  encodeInto(v, bytes);
  return bytes;
}

/**
 * The value encoded at the start of `bytes` (which may be a view of shared memory: typed arrays
 * are copied out, so the result owns its buffers).
 */
export function decode(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u32 = (): number => {
    at = align(at, 4);
    const n = view.getUint32(at, true);
    at += 4;
    return n;
  };
  const take = (): unknown => {
    const t = view.getUint8(at++) as Tag;
    switch (t) {
      case Tag.Null:
        return null;
      case Tag.Undefined:
        return undefined;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Number: {
        at = align(at, 8);
        const x = view.getFloat64(at, true);
        at += 8;
        return x;
      }
      case Tag.String: {
        const n = u32();
        let text = '';
        for (let i = 0; i < n; i++, at += 2) text += String.fromCharCode(view.getUint16(at, true));
        return text;
      }
      case Tag.Array: {
        const n = u32();
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = take();
        return out;
      }
      case Tag.Object: {
        const n = u32();
        const out: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) {
          const k = take() as string;
          out[k] = take();
        }
        return out;
      }
      case Tag.F64: {
        const n = u32();
        if (n === 0) return new Float64Array(0);
        at = align(at, 8);
        const out = new Float64Array(n);
        new Uint8Array(out.buffer).set(bytes.subarray(at, at + 8 * n));
        at += 8 * n;
        return out;
      }
      case Tag.I32: {
        const n = u32();
        const out = new Int32Array(n);
        new Uint8Array(out.buffer).set(bytes.subarray(at, at + 4 * n));
        at += 4 * n;
        return out;
      }
      default:
        throw new Error(`pool answer: unknown tag ${String(t)} at byte ${at - 1}`);
    }
  };
  return take();
}
