/**
 * The plane the neuron view draws on (METHOD.md §13): the phase plane for 2-D systems, for d ≥ 3 a
 * slice through a point spanned by the two components of largest spread; a neuron's zero line
 * w·x + b = 0 on it and its clipping to the plot box. Pure.
 */
import type { RunResult } from '../../../run/result';
import { formatSig } from '../../format';
import type { LayerView } from './neuronLayer';

/** The plane a figure draws: two state components on the axes, the others held at `base`. */
export interface SlicePlane {
  axes: [number, number];
  base: number[];
  /** Axis ranges (the training data's box, padded). */
  ranges: [[number, number], [number, number]];
  names: [string, string];
  /** Human-readable description of the fixed components, e.g. "z = 23.5" ('' for d = 2). */
  fixedText: string;
}

/** Per-component mean, std, min and max of the training sample. */
function sampleStats(r: RunResult) {
  const { x, rows } = r.trainSample;
  const d = r.dim;
  const mean = new Array<number>(d).fill(0);
  const lo = new Array<number>(d).fill(Infinity);
  const hi = new Array<number>(d).fill(-Infinity);
  for (let k = 0; k < rows; k++)
    for (let i = 0; i < d; i++) {
      const v = x[k * d + i];
      mean[i] += v / rows;
      lo[i] = Math.min(lo[i], v);
      hi[i] = Math.max(hi[i], v);
    }
  const std = new Array<number>(d).fill(0);
  for (let k = 0; k < rows; k++)
    for (let i = 0; i < d; i++) std[i] += (x[k * d + i] - mean[i]) ** 2 / rows;
  return { mean, std: std.map(Math.sqrt), lo, hi };
}

/**
 * The plane of a figure: for d = 2 the phase plane; for d ≥ 3 the plane through `through` (default:
 * the training mean) spanned by the two components with the largest spread in the training data.
 */
export function slicePlane(r: RunResult, through?: number[]): SlicePlane {
  const d = r.dim;
  const st = sampleStats(r);
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (a, b) => st.std[b] - st.std[a] || a - b,
  );
  const axes = (d === 2 ? [0, 1] : order.slice(0, 2).sort((a, b) => a - b)) as [number, number];
  const base = through ?? st.mean;
  const name = (i: number) => r.stateNames[i] ?? `x${i + 1}`;
  const pad = (i: number): [number, number] => {
    const span = st.hi[i] - st.lo[i] || 1;
    return [st.lo[i] - 0.08 * span, st.hi[i] + 0.08 * span];
  };
  const fixed = Array.from({ length: d }, (_, i) => i).filter((i) => !axes.includes(i));
  return {
    axes,
    base: Array.from(base),
    ranges: [pad(axes[0]), pad(axes[1])],
    names: [name(axes[0]), name(axes[1])],
    fixedText: fixed.map((i) => `${name(i)} = ${formatSig(base[i], 3)}`).join(', '),
  };
}

/**
 * The segment of the line a·s + c·t + e = 0 inside the box, or null when it misses the box.
 * (s, t) are the plane's coordinates.
 */
export function clipLine(
  a: number,
  c: number,
  e: number,
  [[s0, s1], [t0, t1]]: SlicePlane['ranges'],
): [[number, number], [number, number]] | null {
  const pts: Array<[number, number]> = [];
  if (c !== 0)
    for (const s of [s0, s1]) {
      const t = -(a * s + e) / c;
      if (t >= t0 && t <= t1) pts.push([s, t]);
    }
  if (a !== 0)
    for (const t of [t0, t1]) {
      const s = -(c * t + e) / a;
      if (s >= s0 && s <= s1) pts.push([s, t]);
    }
  if (pts.length < 2) return null;
  let best: [[number, number], [number, number]] = [pts[0], pts[1]];
  let far = -1;
  for (let i = 0; i < pts.length; i++)
    for (let k = i + 1; k < pts.length; k++) {
      const dist = (pts[i][0] - pts[k][0]) ** 2 + (pts[i][1] - pts[k][1]) ** 2;
      if (dist > far) {
        far = dist;
        best = [pts[i], pts[k]];
      }
    }
  return far > 0 ? best : null;
}

/** Coefficients (a, c, e) of neuron j's w·x + b on the plane: a·s + c·t + e. */
export function lineOf(layer: LayerView, j: number, plane: SlicePlane): [number, number, number] {
  const d = layer.d;
  let e = layer.b[j];
  for (let i = 0; i < d; i++)
    if (i !== plane.axes[0] && i !== plane.axes[1]) e += layer.W[j * d + i] * plane.base[i];
  return [layer.W[j * d + plane.axes[0]], layer.W[j * d + plane.axes[1]], e];
}
