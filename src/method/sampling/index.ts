/**
 * The samplers of the hidden layer behind one interface (METHOD.md §2). A sampler sees the
 * training pairs and the per-component statistics of the inputs and returns W, b (and, for
 * data-driven samplers, the pair of points behind each neuron). Adding a sampler is one module
 * and one entry here; the schema's `sampler` options are read from this list.
 */
import type { Rng } from '../../numerics/rng';
import type { Activation, HiddenLayer } from './hiddenLayer';
import { sampleRandomFeatures } from './randomFeatures';
import { sampleSwim, type PairData } from './swim';

/** What every sampler may read: the snapshot pairs and the inputs' mean and std (length d). */
export interface SamplerInput {
  pairs: PairData;
  mean: Float64Array;
  std: Float64Array;
}

export interface Sampler {
  id: string;
  /** Menu label and one sentence for the controls. */
  label: string;
  sample(input: SamplerInput, width: number, act: Activation, rng: Rng): HiddenLayer;
}

export const SAMPLERS: readonly Sampler[] = [
  {
    id: 'swim',
    label: 'SWIM (data pairs)',
    sample: (input, width, act, rng) => sampleSwim(input.pairs, width, act, rng),
  },
  {
    id: 'random',
    label: 'Random features',
    sample: (input, width, act, rng) =>
      sampleRandomFeatures(input.pairs.d, width, act, input.mean, input.std, rng),
  },
];

export function samplerOf(id: string): Sampler {
  const s = SAMPLERS.find((x) => x.id === id);
  if (!s)
    throw new RangeError(
      `unknown sampler '${id}' (one of ${SAMPLERS.map((x) => x.id).join(', ')})`,
    );
  return s;
}
