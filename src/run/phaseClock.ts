/**
 * Wall-clock timings by pipeline phase, with progress reports: shared by the simulated-system and
 * the measured-series pipelines so both fill `timingsMs` the same way.
 */
import type { Phase, Progress, TimingsMs } from './result';

export interface PhaseClock {
  timings: TimingsMs;
  /** Reports progress within a phase (fraction in [0, 1]). */
  progress(phase: Phase, fraction: number): void;
  /** Adds the time since the last mark to `phase`, reports it done, and marks now. */
  end(phase: Phase): void;
  /** Records phases timed elsewhere (e.g. inside fitEdmd) and marks now. */
  record(phase: Phase, ms: number): void;
  /** Sets timings.total from the clock's start; returns the timings. */
  finish(): TimingsMs;
}

export function createPhaseClock(onProgress?: (p: Progress) => void): PhaseClock {
  const timings: TimingsMs = {
    data: 0,
    sample: 0,
    features: 0,
    solve: 0,
    spectrum: 0,
    forecast: 0,
    total: 0,
  };
  const start = performance.now();
  let mark = start;
  const clock: PhaseClock = {
    timings,
    progress: (phase, fraction) => onProgress?.({ phase, fraction }),
    end(phase) {
      const now = performance.now();
      timings[phase] += now - mark;
      mark = now;
      clock.progress(phase, 1);
    },
    record(phase, ms) {
      timings[phase] = ms;
      mark = performance.now();
      clock.progress(phase, 1);
    },
    finish() {
      timings.total = performance.now() - start;
      return timings;
    },
  };
  return clock;
}
