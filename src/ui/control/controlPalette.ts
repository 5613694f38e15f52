/**
 * Colours of the controlled view, one per role in every plot, table and legend (Okabe–Ito, see
 * ../plots/palette.ts): the three models keep the colours the simulated view gives them.
 */
import { COLORS } from '../plots/palette';

export const CONTROL_COLORS = {
  /** The true system under the test input. */
  truth: COLORS.truth,
  /** The re-lifted model with its learned input matrix B. */
  withB: COLORS.relift,
  /** The same model with B = 0: what it predicts if it ignores the input. */
  noB: '#CC79A7',
  /** The linear lifted model z ← Kz + Bu, x̂ = Cz. */
  linear: COLORS.linear,
  /** The true system driven by the model-predictive controller. */
  controlled: '#009E73',
  /** The true system left alone (u = 0). */
  free: '#E69F00',
  /** An input signal u_t (test input or the controller's), drawn as a stepped line. */
  input: '#56B4E9',
  /** Goal, bounds and other guides (dashed). */
  guide: COLORS.threshold,
} as const;
