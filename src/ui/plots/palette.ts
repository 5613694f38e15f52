/**
 * The one palette of the app: every plot, table and legend of every view takes its colours from
 * here. Okabe–Ito colour-blind-safe hues (Okabe & Ito 2008, https://jfly.uni-koeln.de/color/),
 * named by role: one colour means one thing, and the same model keeps its colour in every view.
 */

/** The eight Okabe–Ito hues. */
export const HUES = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

export const COLORS = {
  /** Ground truth: the simulated test trajectory or the measured values. */
  truth: HUES.black,
  /** The RNN: re-lifted forecast x̂_{t+1} = C K Ψ(x̂_t) (with B for controlled systems). */
  relift: HUES.blue,
  /** Linear Koopman forecast z_{t+1} = K z_t (+ B u_t), x̂ = C z. */
  linear: HUES.vermillion,
  /** Training data (background context). */
  train: '#BBBBBB',
  /** SWIM neuron pairs. */
  pairs: HUES.green,
  /** Valid prediction time markers. */
  vpt: HUES.purple,
  /** Thresholds, reference values, goals and bounds (drawn dashed). */
  threshold: '#777777',
  /** Koopman eigenvalues inside or on the unit circle. */
  eigen: HUES.skyBlue,
  /** Koopman eigenvalues with |λ| > 1 (the linear rollout grows along them). */
  unstable: HUES.orange,
  /** Koopman eigenvalues on the unit circle (within ON_CIRCLE_TOL): open rings, 8.6:1 on white. */
  onCircle: '#1F4E79',
  /** Faint guides such as the unit circle and zero lines. */
  guide: '#CCCCCC',

  /** Controlled systems: the same model with B = 0 (it ignores the input). */
  noB: HUES.purple,
  /** Controlled systems: the true system driven by the model-predictive controller. */
  controlled: HUES.green,
  /** Controlled systems: the true system left alone (u = 0). */
  uncontrolled: HUES.orange,
  /** An input signal u_t (test input or the controller's), drawn as a stepped line. */
  input: HUES.skyBlue,

  /** Measured series: the RNN's forecast H steps ahead (1 step ahead is `relift`). */
  rnnLong: HUES.purple,
  /** Measured series: persistence, "the next value equals the last one". */
  persistence: HUES.orange,
  /** Measured series: climatology (day-of-year mean) or the training mean. */
  climatology: HUES.green,
} as const;

/** Neutral greys: text, notes, axes, grids, the paper. */
export const INK = {
  text: '#222222',
  note: '#555555',
  axis: '#888888',
  /** The unit circle of the spectrum. */
  circle: '#999999',
  grid: '#EEEEEE',
  grid3d: '#DDDDDD',
  paper: '#FFFFFF',
  /** Outline of the eigenvalue markers. */
  markerEdge: '#1F4E79',
} as const;

/** Translucent variant of a #RRGGBB colour as CSS rgba() with integer channels. */
export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Font sizes in px, large enough to read on a projector at 1280×720 in a two-column grid. */
export const FONT = {
  family: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  tick: 14,
  axisTitle: 15,
  title: 16,
  legend: 14,
  annotation: 14,
  small: 13,
  hover: 14,
} as const;

/** WCAG 2 contrast ratio of two #RRGGBB colours (1…21). */
export function contrastRatio(a: string, b: string = INK.paper): number {
  const lum = (hex: string) => {
    const n = parseInt(hex.slice(1), 16);
    const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Darker shades of the light hues for text on white (≥ 4.5:1, WCAG AA): a label keeps its line's
 * hue but stays readable. Lines and markers keep the hue itself.
 */
const TEXT_SHADES: Record<string, string> = {
  [HUES.orange]: '#9A6A00',
  [HUES.green]: '#00795A',
  [HUES.purple]: '#A8517F',
  [HUES.skyBlue]: '#1F6F9E',
  [HUES.vermillion]: '#B05A00',
  [HUES.yellow]: '#7A7000',
  '#777777': '#555555',
  '#BBBBBB': '#555555',
  '#CCCCCC': '#555555',
};

/** The colour to write text in for a line drawn in `hex` (itself when already dark enough). */
export function textColor(hex: string): string {
  return TEXT_SHADES[hex.toUpperCase()] ?? TEXT_SHADES[hex] ?? hex;
}
