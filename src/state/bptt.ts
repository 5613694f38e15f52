/**
 * The gradient baselines of the run on screen (docs/METHOD.md, "Gradient baselines"): an LSTM
 * and/or a GRU trained by BPTT with TensorFlow.js in a worker of their own
 * (workers/bpttWorker.ts), spawned only when the "Gradient baselines" section is opened, so
 * TensorFlow.js never weighs on the first paint. The main thread only receives progress: one
 * learning-curve point per evaluation, and the weights after every Adam step (kept, not drawn).
 * Stop terminates the training worker at once — an Adam step in flight cannot be interrupted any
 * other way, and on a busy machine one step can take longer than the 200 ms Stop may take — and a
 * fresh worker scores the last snapshot: the same forecasts and metrics of the network trained so
 * far. Results belong to the result on screen: a new result clears them (and ends a training).
 */
import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { BpttCurvePoint, BpttProgress, BpttResult, BpttSnapshot } from '../run/bptt/result';
import { BPTT_BOUNDS, BPTT_DEFAULTS, bpttSettings, type BpttCell } from '../run/bptt/settings';
import type { RunResult } from '../run/result';
import type { BpttWorkerApi } from '../../workers/bpttWorker';
import { useStore } from './store';

export type BpttChoice = BpttCell | 'both';
export type BpttPhase = 'idle' | 'loading' | 'training' | 'forecasting' | 'done' | 'error';

export interface BpttState {
  /** Settings of the next training: which cell(s) and the training-time budget, s. */
  choice: BpttChoice;
  budget: number;
  phase: BpttPhase;
  /** The cell in training (with `both`, the LSTM first, then the GRU). */
  cell: BpttCell | null;
  backend: string | null;
  /** Learning curves so far and the finished baselines, by cell. */
  curves: Partial<Record<BpttCell, BpttCurvePoint[]>>;
  results: Partial<Record<BpttCell, BpttResult>>;
  /** The result the baselines were trained next to. */
  of: RunResult | null;
  /** When Stop was pressed and when training ended (performance.now, ms): the e2e reads both. */
  stopAt: number | null;
  trainingEndedAt: number | null;
  error: string | null;
  setChoice: (c: BpttChoice) => void;
  setBudget: (s: number) => void;
}

export const useBptt = create<BpttState>()((set) => ({
  choice: 'lstm',
  budget: BPTT_DEFAULTS.budget,
  phase: 'idle',
  cell: null,
  backend: null,
  curves: {},
  results: {},
  of: null,
  stopAt: null,
  trainingEndedAt: null,
  error: null,
  setChoice: (choice) => set({ choice }),
  setBudget: (budget) => set({ budget }),
}));

export const BUDGET_RANGE = BPTT_BOUNDS.budget;

let worker: Worker | null = null;
let remote: Comlink.Remote<BpttWorkerApi> | null = null;
/** Incremented by every start and reset: answers of an older training are ignored. */
let generation = 0;
/** The latest weights of the training in flight, and how to tell its loop that Stop was pressed. */
let snapshot: BpttSnapshot | null = null;
let stopped: (() => void) | null = null;

function ensureWorker(): Comlink.Remote<BpttWorkerApi> {
  if (!remote) {
    worker = new Worker(new URL('../../workers/bpttWorker.ts', import.meta.url), {
      type: 'module',
    });
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      useBptt.setState({ phase: 'error', error: ev.message || 'the baseline worker crashed' });
      dropWorker();
    });
    remote = Comlink.wrap<BpttWorkerApi>(worker);
  }
  return remote;
}

function dropWorker(): void {
  worker?.terminate();
  worker = null;
  remote = null;
}

/** Spawns the worker and loads TensorFlow.js' backend (called when the section is opened). */
export function warmBptt(): void {
  const r = ensureWorker();
  void r.backend().then(
    (backend) => useBptt.setState({ backend }),
    () => undefined,
  );
}

/** Trains the chosen baseline(s) next to the result on screen. */
export async function startBptt(): Promise<void> {
  const result = useStore.getState().result;
  if (!result) return;
  const { choice, budget } = useBptt.getState();
  const cells: BpttCell[] = choice === 'both' ? ['lstm', 'gru'] : [choice];
  let settings;
  try {
    settings = cells.map((c) => bpttSettings(c, { budget }));
  } catch (e) {
    useBptt.setState({ phase: 'error', error: e instanceof Error ? e.message : String(e) });
    return;
  }
  const mine = ++generation;
  useBptt.setState({
    phase: 'loading',
    cell: cells[0],
    curves: {},
    results: {},
    of: result,
    error: null,
    stopAt: null,
    trainingEndedAt: null,
  });
  const r = ensureWorker();
  try {
    for (const s of settings) {
      if (mine !== generation) return;
      useBptt.setState({ cell: s.cell, phase: 'loading' });
      const onProgress = (p: BpttProgress) => {
        // After Stop, a message the terminated worker had already sent is not news.
        if (mine !== generation || useBptt.getState().stopAt !== null) return;
        const st = useBptt.getState();
        const patch: Partial<BpttState> = { backend: p.backend };
        if (p.phase === 'forecasting') {
          patch.phase = 'forecasting';
          patch.trainingEndedAt = performance.now();
        } else if (p.point) {
          patch.phase = 'training';
          patch.curves = { ...st.curves, [s.cell]: [...(st.curves[s.cell] ?? []), p.point] };
        }
        useBptt.setState(patch);
      };
      snapshot = null;
      const onStep = (snap: BpttSnapshot) => {
        if (mine === generation) snapshot = snap;
      };
      const stop = new Promise<null>((resolve) => (stopped = () => resolve(null)));
      let b = await Promise.race([
        r.train(result.config, s, Comlink.proxy(onProgress), Comlink.proxy(onStep)),
        stop,
      ]);
      stopped = null;
      if (mine !== generation) return;
      if (b === null) {
        // Stopped: the training worker is gone; a fresh one scores the last snapshot.
        const snap = snapshot;
        if (!snap) {
          useBptt.setState({
            phase: 'error',
            cell: null,
            error: 'stopped before the first Adam step: nothing to score',
          });
          return;
        }
        const curve = useBptt.getState().curves[s.cell] ?? [];
        b = await ensureWorker().score(result.config, s, snap, curve);
        if (mine !== generation) return;
      }
      const st = useBptt.getState();
      useBptt.setState({
        results: { ...st.results, [s.cell]: b },
        curves: { ...st.curves, [s.cell]: b.curve },
      });
      // Stop ends the whole request, not only the cell in training.
      if (b.stoppedBy === 'stop') break;
    }
    if (mine === generation) useBptt.setState({ phase: 'done', cell: null });
  } catch (e) {
    if (mine !== generation) return;
    useBptt.setState({
      phase: 'error',
      cell: null,
      error: e instanceof Error ? e.message : String(e),
    });
  }
}

/**
 * Ends training now: the training worker is terminated (the Adam step in flight is lost) and the
 * network after the last finished step is scored in a fresh worker.
 */
export function stopBptt(): void {
  if (!stopped) return;
  const stopAt = performance.now();
  dropWorker();
  useBptt.setState({ stopAt, trainingEndedAt: performance.now(), phase: 'forecasting' });
  stopped();
}

/** A new result on screen: the baselines belonged to the old one (a training in flight ends). */
function reset(): void {
  const st = useBptt.getState();
  if (st.phase === 'idle' && !st.of) return;
  generation++;
  if (st.phase === 'loading' || st.phase === 'training' || st.phase === 'forecasting') {
    // Terminate rather than stop: the old training's forecasts are not wanted any more.
    dropWorker();
  }
  useBptt.setState({
    phase: 'idle',
    cell: null,
    curves: {},
    results: {},
    of: null,
    error: null,
    stopAt: null,
    trainingEndedAt: null,
  });
}

useStore.subscribe((s, prev) => {
  if (s.result !== prev.result && prev.result !== null) reset();
});
