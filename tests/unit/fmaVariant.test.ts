import { describe, expect, it } from 'vitest';
import { fusedVariant } from '../../scripts/lib/fmaHarness';
import { decodeBase64 } from '../../src/numerics/kernels/gramKernels';
import { GRAM_WASM_BASE64 } from '../../src/numerics/kernels/gramWasm';

/** The FMA variant that scripts/bench-fma.ts measures (the shipped kernel stays unfused). */
describe('relaxed-SIMD FMA variant of the Gram module', () => {
  const base = decodeBase64(GRAM_WASM_BASE64);
  const v = fusedVariant(base);

  it('fuses every f64x2 product of the micro-kernel (MR × NV = 4 × 2 = 8 updates)', () => {
    expect(v.products).toBe(8);
    expect(v.fused).toBe(8);
  });

  it('changes only the 6 bytes of each fused site and keeps every offset', () => {
    expect(v.bytes.length).toBe(base.length);
    let changed = 0;
    for (let i = 0; i < base.length; i++) if (base[i] !== v.bytes[i]) changed++;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(6 * v.fused);
  });

  it('leaves the shipped module valid as it is', () => {
    expect(WebAssembly.validate(base)).toBe(true);
  });
});
