/**
 * The Koopman eigenfunctions of the run on screen (METHOD.md §5, §12), computed in a worker of
 * their own (src/run/eigenfunctions.ts through the run worker's `eigenfunctions` op), so neither
 * the run worker nor the analysis worker is disturbed. The result belongs to the result on
 * screen: a new result clears it and cancels a computation in flight.
 */
import { create } from 'zustand';
import type { EigenfunctionAnalysis } from '../run/eigenfunctions';
import type { RunResult } from '../run/result';
import { useStore } from './store';
import { createWorkerTask, onNewResult } from './workerTask';

export interface EigenState {
  running: boolean;
  progress: { phase: string; fraction: number } | null;
  /** The result the analysis below belongs to. */
  of: RunResult | null;
  analysis: EigenfunctionAnalysis | null;
  error: string | null;
}

const EMPTY = { running: false, progress: null, analysis: null, error: null };

export const useEigen = create<EigenState>()(() => ({ ...EMPTY, of: null }));

/** Weights of the phases in the overall progress: training (cache hits after the first). */
const RUN_SHARE = 0.5;
const VECTOR_SHARE = 0.4;

/** Overall fraction done from the phase and its fraction. */
export function eigenFraction(phase: string, fraction: number): number {
  if (phase === 'eigenvectors') return RUN_SHARE + VECTOR_SHARE * fraction;
  if (phase === 'grid') return RUN_SHARE + VECTOR_SHARE + (1 - RUN_SHARE - VECTOR_SHARE) * fraction;
  return RUN_SHARE * fraction;
}

const task = createWorkerTask();

/** Computes the eigenfunctions of the result on screen (superseding one in flight). */
export function startEigen(): void {
  const result = useStore.getState().result;
  if (!result) return;
  useEigen.setState({
    ...EMPTY,
    of: result,
    running: true,
    progress: { phase: 'starting', fraction: 0 },
  });
  task.start(
    (client, live) =>
      client.eigenfunctions(result.config, (p) => {
        if (live())
          useEigen.setState({
            progress: { phase: p.phase, fraction: eigenFraction(p.phase, p.fraction) },
          });
      }),
    (analysis) => useEigen.setState({ analysis, running: false, progress: null }),
    (message) => useEigen.setState({ running: false, progress: null, error: message || 'failed' }),
  );
}

/** Stops the computation in flight (terminates its worker). */
export function cancelEigen(): void {
  if (!useEigen.getState().running) return;
  task.cancel();
  useEigen.setState({ running: false, progress: null });
}

/** A new result on screen: the eigenfunctions of the old one go. */
onNewResult(
  () => useEigen.getState().of,
  (result) => {
    if (useEigen.getState().running) task.cancel();
    useEigen.setState({ ...EMPTY, of: result });
  },
);
