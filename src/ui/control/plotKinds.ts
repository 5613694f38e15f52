/**
 * The plots of the controlled view, in page order: each drawn in a `plot-<kind>` container (the
 * page's test-hook contract; the e2e tests and the UI benchmark wait for these).
 */
export const CONTROL_PLOT_KINDS = [
  'prediction',
  'prediction-error',
  'closedloop',
  'closedloop-phase',
  'cost',
  'spectrum',
] as const;
export type ControlPlotKind = (typeof CONTROL_PLOT_KINDS)[number];
