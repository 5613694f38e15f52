/** The state of the current run: never serialised, never in the URL. */
import type { StateCreator } from 'zustand';
import type { Notice } from '../run/query';
import type { Phase, RunResult } from '../run/result';
import type { Mutators, Store } from './store';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/** A notice at the top of the page: what a link parser changed, or why an import failed. */
export interface PageNotice extends Notice {
  /** Lead-in shown in bold (default "Link adjusted:"). */
  title?: string;
}

/** Where the result on screen came from, when not from a run just finished. */
export type ResultOrigin = { kind: 'run' } | { kind: 'history' } | { kind: 'import'; file: string };

export interface RunProgress {
  phase: Phase;
  fraction: number;
}

export interface RunSlice {
  status: RunStatus;
  progress: RunProgress | null;
  /** The last successful result; kept through errors and cancellations so the plots stay. */
  result: RunResult | null;
  /** Increments with every run started (tests and views tell one run from the next). */
  runId: number;
  /** Increments with every new result (lets views tell a fresh result from an old one). */
  resultSeq: number;
  error: string | null;
  /** What the URL parser changed on load (or an import problem), shown until dismissed. */
  notices: PageNotice[];
  /** How the result on screen was obtained. */
  origin: ResultOrigin;
  /** Wall-clock ms of the last finished run as seen from the page (includes transfer). */
  wallMs: number | null;
  runStarted: () => void;
  runProgress: (p: RunProgress) => void;
  runDone: (result: RunResult, wallMs: number) => void;
  runFailed: (message: string) => void;
  runCancelled: () => void;
  /** Shows a result without running (an imported model, or a run revisited with Back). */
  resultLoaded: (result: RunResult, origin: ResultOrigin) => void;
  setNotices: (notices: PageNotice[]) => void;
  dismissNotice: (index: number) => void;
}

export const createRunSlice: StateCreator<Store, Mutators, [], RunSlice> = (set) => ({
  status: 'idle',
  progress: null,
  result: null,
  runId: 0,
  resultSeq: 0,
  error: null,
  notices: [],
  origin: { kind: 'run' },
  wallMs: null,
  runStarted: () =>
    set((s) => ({
      status: 'running',
      runId: s.runId + 1,
      progress: { phase: 'data', fraction: 0 },
      error: null,
    })),
  runProgress: (progress) => set({ progress }),
  runDone: (result, wallMs) =>
    set((s) => ({
      status: 'done',
      progress: null,
      result,
      resultSeq: s.resultSeq + 1,
      error: null,
      wallMs,
      origin: { kind: 'run' },
    })),
  runFailed: (error) => set({ status: 'error', progress: null, error }),
  runCancelled: () => set({ status: 'cancelled', progress: null }),
  resultLoaded: (result, origin) =>
    set((s) => ({
      status: 'done',
      progress: null,
      result,
      runId: s.runId + 1,
      resultSeq: s.resultSeq + 1,
      error: null,
      wallMs: null,
      origin,
    })),
  setNotices: (notices) => set({ notices }),
  dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
});
