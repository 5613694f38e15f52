/**
 * The analyses of the run on screen (METHOD.md §11, §6): the Lyapunov spectrum, the long-term
 * statistics and the repeat over seeds. They run in a worker of their own (one call at a time, a
 * new one supersedes the last), so the run worker and its stage cache are never disturbed; the
 * first analysis of a run refits its model in that worker's cache, the next ones reuse it. Their
 * results belong to the result on screen: a new result clears them and cancels one in flight.
 */
import { create } from 'zustand';
import type {
  AnalysisKind,
  AnalysisResult,
  LyapunovAnalysis,
  StatsAnalysis,
} from '../run/analysis';
import type { RunResult } from '../run/result';
import type { SeedRepeat } from '../run/seeds';
import { seriesSourceFor } from './seriesData';
import { useStore } from './store';
import { RunCancelled } from './workerClient';
import { createWorkerTask, onNewResult } from './workerTask';

export type AnalysisTask = AnalysisKind | 'seeds';

/** Progress of the task in flight: a phase name and the overall fraction done in [0, 1]. */
export interface AnalysisTaskProgress {
  phase: string;
  fraction: number;
}

/** Counted steps the page offers for the Lyapunov spectrum and the statistics. */
export const STEP_OPTIONS = [3000, 10_000, 30_000, 100_000] as const;
/** Seed counts the page offers for the repeat. */
export const SEED_OPTIONS = [3, 5, 10] as const;

export interface AnalysisState {
  /** The task in flight, or null. */
  running: AnalysisTask | null;
  progress: AnalysisTaskProgress | null;
  /** The result the analyses below belong to. */
  of: RunResult | null;
  lyapunov: LyapunovAnalysis | null;
  stats: StatsAnalysis | null;
  seeds: SeedRepeat | null;
  error: string | null;
  /** Settings: counted steps of the analyses, number of seeds of the repeat. */
  steps: number;
  seedCount: number;
  setSteps: (steps: number) => void;
  setSeedCount: (n: number) => void;
}

const EMPTY = {
  running: null,
  progress: null,
  lyapunov: null,
  stats: null,
  seeds: null,
  error: null,
};

export const useAnalysis = create<AnalysisState>()((set) => ({
  ...EMPTY,
  of: null,
  steps: 30_000,
  seedCount: 5,
  setSteps: (steps) => set({ steps }),
  setSeedCount: (seedCount) => set({ seedCount }),
}));

/**
 * Weights of the phases of an analysis in its overall progress: training (mostly cache hits) is
 * quick, the surrogate's orbit and the truth's take about the same time.
 */
const RUN_SHARE = 0.1;
const SURROGATE_SHARE = 0.6;

/** Overall fraction done of an analysis from its phase and the phase's fraction. */
export function analysisFraction(phase: string, fraction: number): number {
  if (phase === 'surrogate') return RUN_SHARE + SURROGATE_SHARE * fraction;
  if (phase === 'truth')
    return RUN_SHARE + SURROGATE_SHARE + (1 - RUN_SHARE - SURROGATE_SHARE) * fraction;
  return RUN_SHARE * fraction;
}

const task = createWorkerTask();

/** Runs one analysis of the result on screen (superseding any in flight). */
export function startAnalysis(kind: AnalysisTask): void {
  const result = useStore.getState().result;
  if (!result) return;
  if (useAnalysis.getState().of !== result) useAnalysis.setState({ ...EMPTY, of: result });
  const { steps, seedCount } = useAnalysis.getState();
  useAnalysis.setState({
    running: kind,
    progress: { phase: 'starting', fraction: 0 },
    error: null,
  });
  const config = result.config;
  const done = (part: Partial<AnalysisState>) =>
    useAnalysis.setState({ ...part, running: null, progress: null });
  const failed = (message: string) =>
    useAnalysis.setState({
      running: null,
      progress: null,
      error: message || 'the analysis failed',
    });
  if (kind === 'seeds') {
    task.start(
      async (client, live) => {
        const series = await seriesSourceFor(config);
        if (!live()) throw new RunCancelled();
        return client.repeatSeeds(
          config,
          seedCount,
          (p) => {
            if (!live()) return;
            const seed = Math.min(seedCount, Math.floor(p.fraction * seedCount) + 1);
            useAnalysis.setState({
              progress: { phase: `seed ${seed} of ${seedCount}`, fraction: p.fraction },
            });
          },
          series,
        );
      },
      (seeds) => done({ seeds }),
      failed,
    );
    return;
  }
  task.start(
    (client, live) =>
      client.analyse(
        config,
        kind,
        (p) => {
          if (live())
            useAnalysis.setState({
              progress: { phase: p.phase, fraction: analysisFraction(p.phase, p.fraction) },
            });
        },
        { steps },
      ),
    (a: AnalysisResult) => done(a.kind === 'lyapunov' ? { lyapunov: a } : { stats: a }),
    failed,
  );
}

/** Stops the analysis in flight at once (terminates its worker); the results shown stay. */
export function cancelAnalysis(): void {
  if (!useAnalysis.getState().running) return;
  task.cancel();
  useAnalysis.setState({ running: null, progress: null });
}

/** A new result on screen: the analyses of the old one go (and one in flight is cancelled). */
onNewResult(
  () => useAnalysis.getState().of,
  (result) => {
    if (useAnalysis.getState().running) task.cancel();
    useAnalysis.setState({ ...EMPTY, of: result });
  },
);
