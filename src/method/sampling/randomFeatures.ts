/**
 * Random features (data-agnostic, ELM-style): the ablation "random hidden weights + EDMD"
 * (METHOD.md §2). w ~ N(0, I) scaled by 1/std_i per input component; b = −⟨w, x̄⟩ + u with
 * u ~ U(−π, π), so w·x + b is centred on the data mean with a uniform random offset.
 * (For ReLU the offset is scaled by 1/π so most neurons stay active on the data: u ~ U(−1, 1).)
 */
import type { Rng } from '../../numerics/rng';
import type { Activation, HiddenLayer } from './hiddenLayer';

export function sampleRandomFeatures(
  d: number,
  width: number,
  act: Activation,
  mean: Float64Array,
  std: Float64Array,
  rng: Rng,
): HiddenLayer {
  const W = new Float64Array(width * d);
  const b = new Float64Array(width);
  const offset = act === 'tanh' ? Math.PI : 1;
  for (let j = 0; j < width; j++) {
    let wm = 0;
    for (let i = 0; i < d; i++) {
      const w = rng.normal() / (std[i] > 0 ? std[i] : 1);
      W[j * d + i] = w;
      wm += w * mean[i];
    }
    b[j] = -wm + rng.range(-offset, offset);
  }
  return { d, width, W, b, act, pairs: null };
}
