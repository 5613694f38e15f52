/**
 * Colours and fonts shared by every plot. Okabe–Ito colour-blind-safe palette
 * (Okabe & Ito 2008, https://jfly.uni-koeln.de/color/): one colour means one thing in every plot.
 */
export const COLORS = {
  /** Ground truth (simulated test trajectory). */
  truth: '#000000',
  /** Re-lifted forecast x̂_{t+1} = C K Ψ(x̂_t): the RNN. */
  relift: '#0072B2',
  /** Linear Koopman forecast z_{t+1} = K z_t. */
  linear: '#D55E00',
  /** Training data (background context). */
  train: '#BBBBBB',
  /** SWIM neuron pairs. */
  pairs: '#009E73',
  /** Valid prediction time markers. */
  vpt: '#CC79A7',
  /** Thresholds, reference values and guides (drawn dashed). */
  threshold: '#777777',
  /** Koopman eigenvalues inside or on the unit circle. */
  eigen: '#56B4E9',
  /** Koopman eigenvalues with |λ| > 1 (the linear rollout grows along them). */
  unstable: '#E69F00',
  /** Faint guides such as the unit circle and grid lines. */
  guide: '#CCCCCC',
} as const;

/** Translucent variant of a #RRGGBB colour as CSS rgba() with integer channels. */
export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Font sizes in px, large enough to read on a projector at 1280×720 in a 2×2 grid. */
export const FONT = {
  family: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  tick: 14,
  axisTitle: 15,
  title: 16,
  legend: 14,
  annotation: 14,
  hover: 14,
} as const;
