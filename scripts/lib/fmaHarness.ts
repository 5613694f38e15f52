/**
 * The relaxed-SIMD FMA measurement of issue 15, run the same way in Node and in Chromium
 * (scripts/bench-fma.ts): the inline Gram kernel (src/numerics/kernels/gram.c compiled to
 * WebAssembly SIMD128) against a variant in which every `acc + a·b` of f64x2 is one
 * `f64x2.relaxed_madd`. No C compiler here, so the variant is made from the compiled module
 * itself: clang emits the micro-kernel's update as
 *   … f64x2.mul (fd f2 01); local.get acc (20 xx); f64x2.add (fd f0 01)
 * and relaxed_madd(a, b, c) = a·b + c takes the operands in the order mul would, so replacing
 * the mul by three nops and the add by relaxed_madd (fd 87 02) keeps every byte offset and
 * section size. The engine may fuse (one rounding) or not (two): the element-wise comparison of
 * G and A says which this engine and CPU did.
 */
import {
  createWasmGramAccumulator,
  decodeBase64,
  DEFAULT_BLOCK_ROWS,
} from '../../src/numerics/kernels/gramKernels';
import { GRAM_WASM_BASE64 } from '../../src/numerics/kernels/gramWasm';
import { createRng } from '../../src/numerics/rng';

const NOP = 0x01;
const LOCAL_GET = 0x20;

/** The FMA variant of a compiled Gram module, and how many of its f64x2 products were fused. */
export function fusedVariant(bytes: Uint8Array<ArrayBuffer>): {
  bytes: Uint8Array<ArrayBuffer>;
  fused: number;
  products: number;
} {
  const out = bytes.slice();
  let fused = 0;
  let products = 0;
  for (let i = 0; i + 8 < out.length; i++) {
    if (out[i] !== 0xfd || out[i + 1] !== 0xf2 || out[i + 2] !== 0x01) continue;
    products++;
    const local = out[i + 4];
    const isUpdate =
      out[i + 3] === LOCAL_GET &&
      local < 0x80 &&
      out[i + 5] === 0xfd &&
      out[i + 6] === 0xf0 &&
      out[i + 7] === 0x01;
    if (!isUpdate) continue;
    out.set([NOP, NOP, NOP], i);
    out.set([0xfd, 0x87, 0x02], i + 5);
    fused++;
  }
  return { bytes: out, fused, products };
}

export interface FmaReport {
  engine: string;
  /** Whether this engine validates the variant (relaxed SIMD enabled). */
  relaxedSimd: boolean;
  rows: number;
  m: number;
  runs: number;
  productSites: number;
  fusedSites: number;
  /** Gram G and cross A of `rows` pairs, each run's wall time (ms), the two kernels alternating. */
  unfusedMs: number[];
  fusedMs: number[];
  medianUnfusedMs: number;
  medianFusedMs: number;
  /** unfused / fused median time. */
  speedup: number;
  /** Elements of G and A (upper triangle of G, all of A) whose bits differ between the kernels. */
  differingElements: number;
  comparedElements: number;
  /** Largest |difference| relative to the largest |element| of G. */
  maxRelativeDifference: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

/** Times G = Σ z zᵀ and A = Σ z' zᵀ over `rows` pairs of `m` features with both kernels. */
export function measureFma(rows: number, m: number, runs: number, engine: string): FmaReport {
  const base = decodeBase64(GRAM_WASM_BASE64);
  const variant = fusedVariant(base);
  const relaxedSimd = WebAssembly.validate(variant.bytes);
  const report: FmaReport = {
    engine,
    relaxedSimd,
    rows,
    m,
    runs,
    productSites: variant.products,
    fusedSites: variant.fused,
    unfusedMs: [],
    fusedMs: [],
    medianUnfusedMs: NaN,
    medianFusedMs: NaN,
    speedup: NaN,
    differingElements: 0,
    comparedElements: 0,
    maxRelativeDifference: 0,
  };
  if (!relaxedSimd) return report;
  const modules = [new WebAssembly.Module(base), new WebAssembly.Module(variant.bytes)];
  // Eight fixed blocks of uniform(−1, 1) features, cycled: the sums are deterministic.
  const rng = createRng(15);
  const blocks = Array.from({ length: 8 }, () =>
    Float64Array.from({ length: DEFAULT_BLOCK_ROWS * m }, () => 2 * rng.uniform() - 1),
  );
  const run = (mod: WebAssembly.Module) => {
    const acc = createWasmGramAccumulator(mod, m, DEFAULT_BLOCK_ROWS, true);
    const t0 = performance.now();
    for (let k0 = 0, b = 0; k0 < rows; k0 += DEFAULT_BLOCK_ROWS, b++) {
      const n = Math.min(DEFAULT_BLOCK_ROWS, rows - k0);
      acc.xBlock.set(blocks[b % 8].subarray(0, n * m));
      acc.yBlock!.set(blocks[(b + 1) % 8].subarray(0, n * m));
      acc.accumulate(n);
    }
    const ms = performance.now() - t0;
    const out = { ms, g: acc.gram(), a: acc.cross() };
    acc.dispose();
    return out;
  };
  let last: Array<{ g: Float64Array; a: Float64Array }> = [];
  for (let r = 0; r < runs; r++) {
    const u = run(modules[0]);
    const f = run(modules[1]);
    report.unfusedMs.push(Math.round(u.ms));
    report.fusedMs.push(Math.round(f.ms));
    last = [u, f];
  }
  report.medianUnfusedMs = median(report.unfusedMs);
  report.medianFusedMs = median(report.fusedMs);
  report.speedup = Number((report.medianUnfusedMs / report.medianFusedMs).toFixed(3));
  const [u, f] = last;
  let scale = 0;
  for (const v of u.g) scale = Math.max(scale, Math.abs(v));
  const compare = (x: number, y: number) => {
    report.comparedElements++;
    if (Object.is(x, y)) return;
    report.differingElements++;
    report.maxRelativeDifference = Math.max(report.maxRelativeDifference, Math.abs(x - y) / scale);
  };
  for (let i = 0; i < m; i++) for (let j = i; j < m; j++) compare(u.g[i * m + j], f.g[i * m + j]);
  for (let i = 0; i < m * m; i++) compare(u.a[i], f.a[i]);
  return report;
}
