/**
 * The CLI's analysis options and their JSON (`--lyap[=steps]`, `--stats[=steps]`): the `lyapunov`
 * and `stats` objects of the document, plain numbers (a non-finite number is null). `--full` adds
 * the running estimates, the densities, the spectra and the return map.
 */
import type { AnalysisKind, LyapunovAnalysis, StatsAnalysis } from '../run/analysis';
import type { LyapunovSpectrum } from '../method/lyapunov';

export interface AnalysisRequest {
  kind: AnalysisKind;
  /** Steps asked for on the command line (undefined: the analysis' default). */
  steps?: number;
}

const FLAG_KIND: Record<string, AnalysisKind> = { '--lyap': 'lyapunov', '--stats': 'stats' };

/** Whether a command-line flag is one of the analysis options. */
export function isAnalysisFlag(flag: string): boolean {
  return flag.split('=')[0] in FLAG_KIND;
}

/** The analyses the flags ask for, in the order lyapunov, stats; or the first problem. */
export function analysisRequests(flags: string[]): {
  requests: AnalysisRequest[];
  error: string | null;
} {
  const requests: AnalysisRequest[] = [];
  for (const flag of flags.filter(isAnalysisFlag)) {
    const [name, value] = flag.split('=', 2);
    const kind = FLAG_KIND[name];
    if (requests.some((r) => r.kind === kind))
      return { requests, error: `${name} given more than once` };
    if (value === undefined) requests.push({ kind });
    else {
      const steps = Number(value);
      if (!/^\d+$/.test(value) || !(steps >= 1000 && steps <= 2_000_000))
        return {
          requests,
          error: `${name}=${value}: the number of steps must be an integer in [1000, 2000000]`,
        };
      requests.push({ kind, steps });
    }
  }
  requests.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'lyapunov' ? -1 : 1));
  return { requests, error: null };
}

/** A JSON number: non-finite values become null. */
function num(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function list(a: ArrayLike<number>): Array<number | null> {
  return Array.from(a, num);
}

/** Rows of a row-major rows×cols array. */
function rows(a: ArrayLike<number>, cols: number): Array<Array<number | null>> {
  const out: Array<Array<number | null>> = [];
  for (let r = 0; r * cols < a.length; r++)
    out.push(list(Array.prototype.slice.call(a, r * cols, (r + 1) * cols) as number[]));
  return out;
}

function spectrumJson(s: LyapunovSpectrum, full: boolean): Record<string, unknown> {
  return {
    exponents: list(s.exponents),
    sum: num(s.sum),
    kaplanYorke: num(s.kaplanYorke),
    steps: s.steps,
    leftAt: s.leftAt,
    leftReason: s.leftReason,
    ...(full
      ? { running: { time: list(s.running.time), values: rows(s.running.values, s.running.k) } }
      : {}),
  };
}

export function lyapunovJson(a: LyapunovAnalysis, full: boolean): Record<string, unknown> {
  return {
    dt: a.dt,
    steps: a.truth.steps,
    warmup: a.truth.warmup,
    testIndex: a.testIndex,
    start: list(a.start),
    surrogate: spectrumJson(a.surrogate, full),
    truth: spectrumJson(a.truth, full),
    reference: { lambdaMax: a.reference.lambdaMax, sum: num(a.reference.sum) },
    warnings: a.warnings,
    timingsMs: a.timingsMs,
  };
}

export function statsJson(a: StatsAnalysis, full: boolean): Record<string, unknown> {
  const s = a.stats;
  const names = a.stateNames;
  const doc: Record<string, unknown> = {
    dt: a.dt,
    steps: a.steps,
    testIndex: a.testIndex,
    start: list(a.start),
    leftAt: a.leftAt,
    leftReason: a.leftReason,
    samples: s.samples,
    components: s.components.map((c, i) => ({
      name: c.name,
      meanTruth: num(c.meanTruth),
      meanSurrogate: num(c.meanSurrogate),
      stdTruth: num(c.stdTruth),
      stdSurrogate: num(c.stdSurrogate),
      wasserstein: num(c.wasserstein),
      wassersteinRel: num(c.wassersteinRel),
      spectrumHellinger: c.spectrumHellinger === null ? null : num(c.spectrumHellinger),
      floorWasserstein: num(a.floor.components[i].wasserstein),
      floorWassersteinRel: num(a.floor.components[i].wassersteinRel),
      floorSpectrumHellinger:
        a.floor.components[i].spectrumHellinger === null
          ? null
          : num(a.floor.components[i].spectrumHellinger!),
    })),
    density2d: {
      components: [names[s.density2d.i], names[s.density2d.j]],
      hellinger: num(s.density2d.hellinger),
      floorHellinger: num(a.floor.density2dHellinger),
    },
    returnMap: s.returnMap
      ? {
          component: names[s.returnMap.component],
          truthMaxima: s.returnMap.truth.length,
          surrogateMaxima: s.returnMap.surrogate.length,
        }
      : null,
    warnings: a.warnings,
    timingsMs: a.timingsMs,
  };
  if (full) {
    const h = s.histograms;
    const g = s.density2d;
    doc.histograms = {
      bins: h.bins,
      lo: list(h.lo),
      hi: list(h.hi),
      truth: rows(h.truth, h.bins),
      surrogate: rows(h.surrogate, h.bins),
    };
    doc.density2d = {
      ...(doc.density2d as Record<string, unknown>),
      bins: g.bins,
      x: [g.xlo, g.xhi],
      y: [g.ylo, g.yhi],
      truth: rows(g.truth, g.bins),
      surrogate: rows(g.surrogate, g.bins),
    };
    if (s.spectra) {
      const nf = s.spectra.freq.length;
      doc.spectra = {
        segment: s.spectra.segment,
        freq: list(s.spectra.freq),
        truth: rows(s.spectra.truth, nf),
        surrogate: rows(s.spectra.surrogate, nf),
      };
    }
    if (s.returnMap)
      doc.returnMap = {
        ...(doc.returnMap as Record<string, unknown>),
        truth: list(s.returnMap.truth),
        surrogate: list(s.returnMap.surrogate),
      };
  }
  return doc;
}
