/**
 * "Grow the network" (src/run/explain.ts, METHOD.md §13): the fits with the first k neurons of the
 * result on screen, computed in a worker of its own (its stage cache keeps the run's features, so
 * the next request for the same run refits nothing), and the animation over the schedule's widths
 * (Play/Pause, a frame slider, slow motion). A new result on screen clears it.
 */
import { create } from 'zustand';
import type { GrowRun } from '../run/explain';
import type { RunResult } from '../run/result';
import { useStore } from './store';
import { createWorkerTask, onNewResult } from './workerTask';

/** Milliseconds per frame the page offers: normal and slow motion. */
export const GROW_SPEEDS = [
  { ms: 700, label: 'normal' },
  { ms: 1800, label: 'slow motion' },
] as const;

export interface GrowState {
  /** The result the growth belongs to. */
  of: RunResult | null;
  running: boolean;
  progress: { phase: string; fraction: number } | null;
  grow: GrowRun | null;
  error: string | null;
  /** Index into grow.steps of the frame shown. */
  frame: number;
  playing: boolean;
  /** Milliseconds per frame while playing. */
  speedMs: number;
}

const EMPTY = { running: false, progress: null, grow: null, error: null, frame: 0, playing: false };

export const useGrow = create<GrowState>()(() => ({
  ...EMPTY,
  of: null,
  speedMs: GROW_SPEEDS[0].ms,
}));

const task = createWorkerTask();
let timer: ReturnType<typeof setTimeout> | null = null;

/** Computes the growth of the result on screen (superseding one in flight). */
export function startGrow(): void {
  const result = useStore.getState().result;
  if (!result) return;
  stopPlaying();
  useGrow.setState({
    ...EMPTY,
    of: result,
    running: true,
    progress: { phase: 'starting', fraction: 0 },
  });
  task.start(
    (client, live) =>
      client.grow(result.config, (p) => {
        if (live()) useGrow.setState({ progress: { phase: p.phase, fraction: p.fraction } });
      }),
    (grow) => useGrow.setState({ grow, running: false, progress: null, frame: 0 }),
    (message) =>
      useGrow.setState({ running: false, progress: null, error: message || 'growing failed' }),
  );
}

/** Stops the computation in flight (terminates its worker). */
export function cancelGrow(): void {
  if (!useGrow.getState().running) return;
  task.cancel();
  useGrow.setState({ running: false, progress: null });
}

/** Shows frame `i` (clamped to the schedule). */
export function setGrowFrame(i: number): void {
  const n = useGrow.getState().grow?.steps.length ?? 0;
  if (n === 0) return;
  useGrow.setState({ frame: Math.max(0, Math.min(n - 1, Math.round(i))) });
}

function stopPlaying(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (useGrow.getState().playing) useGrow.setState({ playing: false });
}

function tick(): void {
  const { grow, frame, speedMs } = useGrow.getState();
  if (!grow || frame >= grow.steps.length - 1) return stopPlaying();
  setGrowFrame(frame + 1);
  timer = setTimeout(tick, speedMs);
}

/** Plays the frames from the current one (from the first when at the end) to M. */
export function playGrow(): void {
  const { grow, frame, speedMs } = useGrow.getState();
  if (!grow) return;
  stopPlaying();
  if (frame >= grow.steps.length - 1) useGrow.setState({ frame: 0 });
  useGrow.setState({ playing: true });
  timer = setTimeout(tick, speedMs);
}

export function pauseGrow(): void {
  stopPlaying();
}

export function setGrowSpeed(ms: number): void {
  useGrow.setState({ speedMs: ms });
}

/** A new result on screen: the growth of the old one goes (and one in flight is cancelled). */
onNewResult(
  () => useGrow.getState().of,
  (result) => {
    stopPlaying();
    if (useGrow.getState().running) task.cancel();
    useGrow.setState({ ...EMPTY, of: result });
  },
);
