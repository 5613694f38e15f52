/**
 * The neuron view's state: which neuron of the result on screen is shown, and the same data's run
 * with the other sampler (SWIM vs random features side by side), computed in a worker of its own
 * (src/run/explain.ts `samplerRun`). A new result on screen resets both.
 */
import { create } from 'zustand';
import type { SamplerRun } from '../run/explain';
import type { RunResult } from '../run/result';
import { useStore } from './store';
import { createWorkerTask, onNewResult } from './workerTask';

export interface NeuronState {
  /** The result the state belongs to. */
  of: RunResult | null;
  /** 0-based index of the neuron shown. */
  index: number;
  /** The other sampler's run of the same data, its computation and its failure. */
  other: SamplerRun | null;
  otherRunning: boolean;
  otherError: string | null;
}

const EMPTY = { index: 0, other: null, otherRunning: false, otherError: null };

export const useNeuron = create<NeuronState>()(() => ({ ...EMPTY, of: null }));

const task = createWorkerTask();

/** Selects neuron `j` of the result on screen (clamped to 0 … M−1; non-numbers are ignored). */
export function selectNeuron(j: number): void {
  const width = useStore.getState().result?.model.width ?? 0;
  if (!Number.isFinite(j) || width === 0) return;
  useNeuron.setState({ index: Math.max(0, Math.min(width - 1, Math.round(j))) });
}

/** The sampler the comparison uses: the other one of SWIM and random features. */
export function otherSampler(sampler: string): string {
  return sampler === 'random' ? 'swim' : 'random';
}

/** Runs the result's configuration with the other sampler (once per result). */
export function startCompare(): void {
  const result = useStore.getState().result;
  if (!result) return;
  const s = useNeuron.getState();
  if (s.of === result && (s.other || s.otherRunning)) return;
  if (s.of !== result) useNeuron.setState({ ...EMPTY, of: result });
  useNeuron.setState({ otherRunning: true, otherError: null });
  task.start(
    (client) => client.samplerRun(result.config, otherSampler(result.config.sampler), () => {}),
    (other) => useNeuron.setState({ other, otherRunning: false }),
    (message) =>
      useNeuron.setState({ otherRunning: false, otherError: message || 'the comparison failed' }),
  );
}

onNewResult(
  () => useNeuron.getState().of,
  (result) => {
    const s = useNeuron.getState();
    if (s.otherRunning) task.cancel();
    // Keep the neuron number across runs when it still exists (a student stepping through).
    const width = result?.model.width ?? 0;
    useNeuron.setState({ ...EMPTY, index: Math.min(s.index, Math.max(0, width - 1)), of: result });
  },
);
