/**
 * The main thread while a result is drawn (issue 16): clicks Train and records every 'longtask'
 * (Chrome reports tasks over 50 ms) from the click until every plot of the view shows the new
 * result, plus a settling second for trailing work (Plotly's second pass, the tables). Shared by
 * the e2e test (tests/e2e/longtasks.spec.ts) and the benchmark (scripts/bench-draw.ts).
 */
import type { Page } from '@playwright/test';
import { FIELD_BY_KEY, type NumberField } from '../../src/run/schema';

/** The largest forecast the settings allow: the schema's most test starts × longest horizon. */
export const LARGEST = {
  ntest: (FIELD_BY_KEY.ntest as NumberField).max,
  horizon: (FIELD_BY_KEY.horizon as NumberField).max,
};

/**
 * Types a value into a setting's box and waits for the address to carry it (auto-train off:
 * nothing runs until Train). Fields outside the basic set sit in "Advanced settings".
 */
export async function typeSetting(page: Page, key: string, value: string): Promise<void> {
  const box = page.getByTestId(`field-${key}`);
  if (!(await box.isVisible())) await page.getByTestId('advanced-toggle').click();
  await box.fill(value);
  await box.press('Enter');
  // The address leaves out a value equal to the system's default.
  const sys = new URL(page.url()).searchParams.get('sys') ?? '';
  const isDefault = String(FIELD_BY_KEY[key].default(sys)) === value;
  await page.waitForFunction(
    ([k, v, d]) => {
      const got = new URLSearchParams(location.search).get(k);
      return got === v || (d && got === null);
    },
    [key, value, isDefault] as const,
    { timeout: 5_000 },
  );
}

/** What one measured click gave. */
export interface DrawTasks {
  /** Click → status done, click → every plot drawn with the new result (ms, page clock). */
  toDoneMs: number;
  toPlotsMs: number;
  /** Durations of the long tasks in the window (ms), in order; the longest (0 if none). */
  tasksMs: number[];
  longestMs: number;
  /** Per plot, the points of its largest drawn trace (what Plotly was given, after decimation). */
  pointsPerTrace: Record<string, number>;
  /** Per plot, the total points of all its drawn traces. */
  pointsPerPlot: Record<string, number>;
}

/** How long after the last plot is drawn the window stays open for trailing tasks (ms). */
export const SETTLE_MS = 1000;

/**
 * Clicks Train on `page` (auto-train off, the settings already typed in) and measures the long
 * tasks until the `plots` (page containers `plot-<id>`) show the new result. Rejects when the run
 * ends in an error.
 */
export async function drawTasks(page: Page, plots: readonly string[]): Promise<DrawTasks> {
  return page.evaluate(
    ([ids, settle]) =>
      new Promise<DrawTasks>((resolve, reject) => {
        const tasks: Array<{ start: number; duration: number }> = [];
        const perf = new PerformanceObserver((list) => {
          for (const e of list.getEntries())
            tasks.push({ start: e.startTime, duration: e.duration });
        });
        perf.observe({ type: 'longtask' });
        const status = document.querySelector('[data-testid="status"]')!;
        const prevRun = Number(status.getAttribute('data-run'));
        const boxes = ids.map((k) => document.querySelector(`[data-testid="plot-${k}"]`));
        if (boxes.some((b) => !b)) return reject(new Error(`not every plot of ${ids} is shown`));
        let doneAt = -1;
        const drawn = new Set<number>();
        const check = () => {
          const run = Number(status.getAttribute('data-run'));
          const state = status.getAttribute('data-state');
          if (run > prevRun && state === 'error') {
            observer.disconnect();
            return reject(new Error(status.textContent ?? 'error'));
          }
          if (run > prevRun && state === 'done' && doneAt < 0) doneAt = performance.now();
          if (doneAt < 0) return;
          const seq = status.getAttribute('data-result');
          boxes.forEach((b, k) => {
            if (b!.getAttribute('data-revision') === seq) drawn.add(k);
          });
          if (drawn.size < ids.length) return;
          observer.disconnect();
          const plotsAt = performance.now();
          setTimeout(() => {
            perf.disconnect();
            const inWindow = tasks.filter((t) => t.start >= t0).map((t) => Math.round(t.duration));
            const pointsPerTrace: Record<string, number> = {};
            const pointsPerPlot: Record<string, number> = {};
            ids.forEach((id, k) => {
              const gd = boxes[k]!.querySelector('.js-plotly-plot') as unknown as {
                data?: Array<{ x?: ArrayLike<unknown>; y?: ArrayLike<unknown> }>;
              } | null;
              const lengths = (gd?.data ?? []).map((t) => (t.y ?? t.x ?? []).length);
              pointsPerTrace[id] = Math.max(0, ...lengths);
              pointsPerPlot[id] = lengths.reduce((a, b) => a + b, 0);
            });
            resolve({
              toDoneMs: Math.round(doneAt - t0),
              toPlotsMs: Math.round(plotsAt - t0),
              tasksMs: inWindow,
              longestMs: Math.max(0, ...inWindow),
              pointsPerTrace,
              pointsPerPlot,
            });
          }, settle);
        };
        const observer = new MutationObserver(check);
        for (const el of [status, ...boxes]) observer.observe(el!, { attributes: true });
        const t0 = performance.now();
        document.querySelector<HTMLButtonElement>('[data-testid="train"]')!.click();
      }),
    [plots, SETTLE_MS] as const,
  );
}
