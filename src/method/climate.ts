/**
 * Long-term statistics ("climate") of a free run of the RNN against the true system
 * (METHOD.md §11): does the surrogate reproduce the attractor's invariant density and time scales,
 * not only the first few Lyapunov times?
 *
 * - **Free run**: x̂_{t+1} = CK Ψ(x̂_t) for many steps (default 10⁵) from a test start, advanced by
 *   the rollouts' own code (rollout.ts, so it is the re-lifted forecast bit for bit) in chunks for
 *   progress; it stops where a state is non-finite or leaves the forecasts' blow-up box, and the
 *   step is reported. Statistics then use the states before it.
 * - **Marginals**: per component, densities on a common binning (the union of both ranges) and
 *   the **1-Wasserstein distance** W₁(P, Q) = ∫ |F_P(x) − F_Q(x)| dx between the empirical
 *   marginals, computed exactly from the sorted samples (no binning). Chosen over a KL divergence
 *   because it is defined for any two samples (KL is infinite as soon as the surrogate puts mass
 *   where the truth has none, and its value depends on the bins), it is in the state's own units
 *   (a mean shift c gives exactly |c|; divided by the true std it compares components), and it is
 *   a metric on distributions.
 * - **Joint density** of one pair of components (2-D histogram) and the Hellinger distance between
 *   the two binned densities.
 * - **Power spectra**: Welch (Hann window, half-overlapping segments of a power of two, radix-2 FFT
 *   in src/numerics/fft.ts) per component, normalised to unit mass over the non-zero frequencies;
 *   the **Hellinger distance** H(p, q) = √(1 − Σ_k √(p_k q_k)) ∈ [0, 1] between them (0: the same
 *   distribution of variance over frequencies; 1: disjoint).
 * - **Return map** of successive maxima of one component (Lorenz's z_{n+1} vs z_n): each local
 *   maximum refined by the vertex of the parabola through the three samples around it.
 */
import { floorPowerOfTwo, welchSpectrum } from '../numerics/fft';
import { rolloutRelift, type BlowupBox } from './rollout';
import type { Dictionary } from './sampling/hiddenLayer';

export interface FreeRun {
  /** (steps+1)×d, row 0 = the start; NaN from the step where the run left on. */
  x: Float64Array;
  /** First step that is non-finite or outside the box, or −1. */
  leftAt: number;
  leftReason: 'nan' | 'blowup' | null;
  /** Number of valid states (rows 0 … valid−1): steps+1, or leftAt. */
  valid: number;
}

/** Steps per chunk of the free run (progress granularity; the result does not depend on it). */
const CHUNK = 5000;

/**
 * The re-lifted free run x̂_{t+1} = CK Ψ(x̂_t) of `steps` steps from `start` (length d), stopped at
 * its first non-finite or blown-up state.
 */
export function freeRun(
  dict: Dictionary,
  CK: Float64Array,
  start: ArrayLike<number>,
  steps: number,
  box: BlowupBox,
  onProgress?: (fraction: number) => void,
): FreeRun {
  const d = dict.d;
  const x = new Float64Array((steps + 1) * d).fill(NaN);
  x.set(Array.from(start), 0);
  let t = 0;
  let leftAt = -1;
  let leftReason: 'nan' | 'blowup' | null = null;
  while (t < steps) {
    const n = Math.min(CHUNK, steps - t);
    const out = rolloutRelift(dict, CK, x.slice(t * d, (t + 1) * d), d, n, box);
    x.set(out.x.subarray(d), (t + 1) * d);
    if (out.divergedAt[0] >= 0) {
      leftAt = t + out.divergedAt[0];
      leftReason = out.divergedReason[0];
      break;
    }
    t += n;
    onProgress?.(t / steps);
  }
  return { x, leftAt, leftReason, valid: leftAt >= 0 ? leftAt : steps + 1 };
}

/** Component i of the first `rows` states of a row-major n×d array. */
export function column(x: Float64Array, d: number, i: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let t = 0; t < rows; t++) out[t] = x[t * d + i];
  return out;
}

/**
 * 1-Wasserstein distance ∫ |F_a − F_b| between the empirical distributions of two samples
 * (any sizes ≥ 1; NaN when one is empty), by a sweep over the merged sorted values. Not modified.
 */
export function wasserstein1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return NaN;
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let prev = Math.min(sa[0], sb[0]);
  let w = 0;
  while (i < n || j < m) {
    const takeA = j >= m || (i < n && sa[i] <= sb[j]);
    const next = takeA ? sa[i] : sb[j];
    w += Math.abs(i / n - j / m) * (next - prev);
    prev = next;
    if (takeA) i++;
    else j++;
  }
  return w;
}

/**
 * Hellinger distance H = √(1 − Σ √(p_k q_k)) = √(½ Σ (√p_k − √q_k)²) ∈ [0, 1] between two
 * nonnegative weight vectors, each normalised to unit sum first (NaN if one sums to 0).
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sp = 0;
  let sq = 0;
  for (let k = 0; k < p.length; k++) {
    sp += p[k];
    sq += q[k];
  }
  if (!(sp > 0 && sq > 0)) return NaN;
  // ½ Σ (√p − √q)² = 1 − Σ √(pq) for normalised p, q, without the cancellation (identical → 0).
  let h2 = 0;
  for (let k = 0; k < p.length; k++) h2 += (Math.sqrt(p[k] / sp) - Math.sqrt(q[k] / sq)) ** 2;
  return Math.min(1, Math.sqrt(0.5 * h2));
}

/** Mean and population standard deviation. */
function moments(x: Float64Array): { mean: number; std: number } {
  let mean = 0;
  for (let t = 0; t < x.length; t++) mean += x[t];
  mean /= x.length;
  let v = 0;
  for (let t = 0; t < x.length; t++) v += (x[t] - mean) ** 2;
  return { mean, std: Math.sqrt(v / x.length) };
}

function range(a: Float64Array, b: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of [a, b])
    for (let t = 0; t < s.length; t++) {
      lo = Math.min(lo, s[t]);
      hi = Math.max(hi, s[t]);
    }
  if (!(hi > lo)) return [lo - 0.5, lo + 0.5]; // a constant sample: a unit-wide range around it
  return [lo, hi];
}

/** Bin index of v in [lo, hi] with `bins` bins (hi falls in the last). */
function binOf(v: number, lo: number, hi: number, bins: number): number {
  const k = Math.floor(((v - lo) / (hi - lo)) * bins);
  return Math.min(bins - 1, Math.max(0, k));
}

/** Density histogram (counts / (n·width)) of x on [lo, hi]. */
export function histogram(x: Float64Array, lo: number, hi: number, bins: number): Float64Array {
  const h = new Float64Array(bins);
  for (let t = 0; t < x.length; t++) h[binOf(x[t], lo, hi, bins)] += 1;
  const scale = 1 / (x.length * ((hi - lo) / bins));
  for (let k = 0; k < bins; k++) h[k] *= scale;
  return h;
}

/** 2-D density histogram (bins×bins, row = x bin, column = y bin). */
function histogram2d(
  x: Float64Array,
  y: Float64Array,
  xr: [number, number],
  yr: [number, number],
  bins: number,
): Float64Array {
  const h = new Float64Array(bins * bins);
  for (let t = 0; t < x.length; t++)
    h[binOf(x[t], xr[0], xr[1], bins) * bins + binOf(y[t], yr[0], yr[1], bins)] += 1;
  const scale = 1 / (x.length * ((xr[1] - xr[0]) / bins) * ((yr[1] - yr[0]) / bins));
  for (let k = 0; k < h.length; k++) h[k] *= scale;
  return h;
}

/**
 * The successive local maxima of a series (x_{t−1} < x_t ≥ x_{t+1}), each refined to the vertex
 * value of the parabola through (t−1, t, t+1): x_t + (x_{t+1} − x_{t−1})² / (8 (2x_t − x_{t−1} − x_{t+1})).
 */
export function localMaxima(x: Float64Array): Float64Array {
  const out: number[] = [];
  for (let t = 1; t + 1 < x.length; t++) {
    const a = x[t - 1];
    const b = x[t];
    const c = x[t + 1];
    if (a < b && b >= c) {
      const curv = 2 * b - a - c;
      out.push(curv > 0 ? b + ((c - a) * (c - a)) / (8 * curv) : b);
    }
  }
  return Float64Array.from(out);
}

export interface ComponentStats {
  name: string;
  meanTruth: number;
  meanSurrogate: number;
  stdTruth: number;
  stdSurrogate: number;
  /** W₁ between the marginals, in the state's units. */
  wasserstein: number;
  /** W₁ divided by the true standard deviation of the component. */
  wassersteinRel: number;
  /** Hellinger distance between the normalised power spectra (null: too few samples). */
  spectrumHellinger: number | null;
}

export interface ClimateOptions {
  dt: number;
  stateNames: string[];
  /** Histogram bins per axis (default 60). */
  bins?: number;
  /** Components of the joint density (default [0, 1]). */
  pair?: [number, number];
  /** Welch segment length, a power of two (default 1024; shortened to fit the samples). */
  segment?: number;
  /** Component whose successive maxima form the return map (null: none). */
  returnMap?: number | null;
}

export interface ClimateStats {
  /** Number of states used: the whole true run, the surrogate's valid states. */
  samples: { truth: number; surrogate: number };
  components: ComponentStats[];
  /** Per-component densities on a common binning: lo/hi per component, values d×bins. */
  histograms: {
    bins: number;
    lo: Float64Array;
    hi: Float64Array;
    truth: Float64Array;
    surrogate: Float64Array;
  };
  /** Joint density of components (i, j) on a common grid, bins×bins (row = i's bin). */
  density2d: {
    i: number;
    j: number;
    bins: number;
    xlo: number;
    xhi: number;
    ylo: number;
    yhi: number;
    truth: Float64Array;
    surrogate: Float64Array;
    /** Hellinger distance between the two binned joint densities. */
    hellinger: number;
  };
  /**
   * Welch power spectra normalised to unit sum over k ≥ 1 (k = 0 is set to 0): d×(segment/2+1)
   * each, at frequencies freq[k] = k/(segment·Δt) (cycles per unit model time). null when either
   * run has fewer than 64 samples.
   */
  spectra: {
    segment: number;
    freq: Float64Array;
    truth: Float64Array;
    surrogate: Float64Array;
  } | null;
  /** Successive maxima of one component (pairs (m_n, m_{n+1}) are consecutive entries), or null. */
  returnMap: { component: number; truth: Float64Array; surrogate: Float64Array } | null;
}

/** Fewer valid surrogate states than this: no spectra (a segment would be meaningless). */
const MIN_SPECTRUM_SAMPLES = 64;

function normalisedSpectrum(x: Float64Array, L: number): Float64Array {
  const s = welchSpectrum(x, L);
  s[0] = 0;
  let tot = 0;
  for (let k = 1; k < s.length; k++) tot += s[k];
  if (tot > 0) for (let k = 1; k < s.length; k++) s[k] /= tot;
  return s;
}

/**
 * The statistics of a surrogate's states against the true system's (both row-major rows×d; the
 * surrogate's first `surrogateRows` rows are used, the truth's first `truthRows`).
 */
export function climateStats(
  truth: Float64Array,
  truthRows: number,
  surrogate: Float64Array,
  surrogateRows: number,
  d: number,
  opts: ClimateOptions,
): ClimateStats {
  if (truthRows < 2) throw new RangeError('climate: the true run needs at least 2 states');
  const bins = opts.bins ?? 60;
  const pair = opts.pair ?? [0, Math.min(1, d - 1)];
  const ns = Math.max(1, surrogateRows); // row 0 (the start) is always valid
  const cols = Array.from({ length: d }, (_, i) => ({
    t: column(truth, d, i, truthRows),
    s: column(surrogate, d, i, ns),
  }));

  const lo = new Float64Array(d);
  const hi = new Float64Array(d);
  const hTruth = new Float64Array(d * bins);
  const hSur = new Float64Array(d * bins);
  cols.forEach(({ t, s }, i) => {
    [lo[i], hi[i]] = range(t, s);
    hTruth.set(histogram(t, lo[i], hi[i], bins), i * bins);
    hSur.set(histogram(s, lo[i], hi[i], bins), i * bins);
  });

  let spectra: ClimateStats['spectra'] = null;
  if (ns >= MIN_SPECTRUM_SAMPLES) {
    const L = Math.min(opts.segment ?? 1024, floorPowerOfTwo(Math.min(truthRows, ns)));
    const nf = L / 2 + 1;
    const st = new Float64Array(d * nf);
    const ss = new Float64Array(d * nf);
    cols.forEach(({ t, s }, i) => {
      st.set(normalisedSpectrum(t, L), i * nf);
      ss.set(normalisedSpectrum(s, L), i * nf);
    });
    const freq = Float64Array.from({ length: nf }, (_, k) => k / (L * opts.dt));
    spectra = { segment: L, freq, truth: st, surrogate: ss };
  }

  const components = cols.map(({ t, s }, i): ComponentStats => {
    const mt = moments(t);
    const ms = moments(s);
    const w = wasserstein1(t, s);
    const nf = spectra ? spectra.segment / 2 + 1 : 0;
    return {
      name: opts.stateNames[i] ?? `x${i + 1}`,
      meanTruth: mt.mean,
      meanSurrogate: ms.mean,
      stdTruth: mt.std,
      stdSurrogate: ms.std,
      wasserstein: w,
      wassersteinRel: mt.std > 0 ? w / mt.std : NaN,
      spectrumHellinger: spectra
        ? hellinger(
            spectra.truth.subarray(i * nf, (i + 1) * nf),
            spectra.surrogate.subarray(i * nf, (i + 1) * nf),
          )
        : null,
    };
  });

  const [pi, pj] = pair;
  const xr = range(cols[pi].t, cols[pi].s);
  const yr = range(cols[pj].t, cols[pj].s);
  const dTruth = histogram2d(cols[pi].t, cols[pj].t, xr, yr, bins);
  const dSur = histogram2d(cols[pi].s, cols[pj].s, xr, yr, bins);

  const rm = opts.returnMap ?? null;
  return {
    samples: { truth: truthRows, surrogate: ns },
    components,
    histograms: { bins, lo, hi, truth: hTruth, surrogate: hSur },
    density2d: {
      i: pi,
      j: pj,
      bins,
      xlo: xr[0],
      xhi: xr[1],
      ylo: yr[0],
      yhi: yr[1],
      truth: dTruth,
      surrogate: dSur,
      hellinger: hellinger(dTruth, dSur),
    },
    spectra,
    returnMap:
      rm === null
        ? null
        : { component: rm, truth: localMaxima(cols[rm].t), surrogate: localMaxima(cols[rm].s) },
  };
}
