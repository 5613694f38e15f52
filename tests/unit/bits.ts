import { createRng } from '../../src/numerics/rng';

/** How many entries of two equally long arrays differ in their 64 bits (0: bit-identical). */
export function bitsDiffer(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  let differ = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) differ++;
  return differ;
}

/** n standard normal draws from the project's seeded generator. */
export function normals(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}
