// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose plot registry this script reads
/// <reference path="../src/ui/plots/plotly.d.ts" />
/**
 * UI benchmark, in real Chromium against the built app (vite preview), medians of 5:
 *  - for each system's default configuration, "click Train → all plots of its view redrawn", plus
 *    the fit time reported by the worker and the click → status-done time (each click with a new
 *    seed: a whole run, not an answer from the stage cache);
 *  - the stage cache on Lorenz defaults: change `reg` (refit from cached features), change `eps`
 *    (reassess only) or, for reference, change `seed` (everything from scratch), each followed by a
 *    click on Train → all plots redrawn. Every repetition sets a value not used before, so no
 *    earlier result can be shown again.
 * JSON on stdout and in bench-results/bench-ui.json.
 *
 *   npx vite build && npx tsx scripts/bench-ui.ts [--reps 5] [--systems vanderpol,lorenz] [--threads N]
 *
 * `--threads N` makes every run use N compute threads (localStorage 'srnn.threads', read by
 * src/state/workerClient.ts); without it the app decides (all cores for big runs).
 * `--extra 'width=1000&len=20000'` adds query keys to every system's link; `--memory` reports the
 * page's memory after the last run by worker (performance.measureUserAgentSpecificMemory, which
 * the cross-origin isolated page has), e.g. the heap of each pool thread.
 *
 * A preview server already listening on BASE_URL (default http://127.0.0.1:4173) is reused;
 * otherwise one is started for the run and stopped afterwards.
 */
import { type Page } from '@playwright/test';
import { cpus } from 'node:os';
import { median } from '../src/method/metrics';
import { familyOf } from '../src/run/registry';
import { plotIds } from '../src/ui/plots/registry';
import { arg, ensureServer, writeReport, runMain, launchChromium } from './lib/benchKit';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:4173';
/** The plots of a system's view, from the plot registry (page containers `plot-<id>`). */
const plotsOf = (sys: string): readonly string[] => plotIds(familyOf(sys));

/** Waits for the first run of a freshly opened page and its plots (`extra`: more query keys). */
async function openAndSettle(page: Page, sys: string, extra: string): Promise<void> {
  await page.goto(`${BASE_URL}/?sys=${sys}${extra ? `&${extra}` : ''}`);
  await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 300_000 });
  for (const k of plotsOf(sys)) {
    await page.waitForSelector(`[data-testid="plot-${k}"][data-rendered="true"]`, {
      timeout: 60_000,
    });
  }
}

/**
 * Clicks Train and resolves, in the page's clock, when the status turns done and when every plot
 * shows the new result: its container's `data-revision` equals the status's `data-result` (set
 * once Plotly has drawn that result's figure, or at once for a figure the result did not change).
 */
async function timeOneClick(
  page: Page,
  sys: string,
): Promise<{ toDone: number; toPlots: number; fitMs: number }> {
  return page.evaluate(
    (plots) =>
      new Promise<{ toDone: number; toPlots: number; fitMs: number }>((resolve, reject) => {
        const status = document.querySelector('[data-testid="status"]')!;
        const prevRun = Number(status.getAttribute('data-run'));
        const boxes = plots.map((k) => document.querySelector(`[data-testid="plot-${k}"]`));
        if (boxes.some((b) => !b)) return reject(new Error(`not every plot of ${plots} is drawn`));
        let doneAt = -1;
        const drawnAt = new Map<number, number>();
        const check = () => {
          const run = Number(status.getAttribute('data-run'));
          const state = status.getAttribute('data-state');
          if (run > prevRun && state === 'error') reject(new Error(status.textContent ?? 'error'));
          if (run > prevRun && state === 'done' && doneAt < 0) doneAt = performance.now();
          if (doneAt < 0) return;
          const seq = status.getAttribute('data-result');
          boxes.forEach((b, k) => {
            if (!drawnAt.has(k) && b!.getAttribute('data-revision') === seq)
              drawnAt.set(k, performance.now());
          });
          if (drawnAt.size < plots.length) return;
          observer.disconnect();
          const fit = document.querySelector('[data-testid="metric-fit-ms"]');
          resolve({
            toDone: doneAt - t0,
            toPlots: Math.max(...drawnAt.values()) - t0,
            fitMs: Number(fit?.getAttribute('data-value')),
          });
        };
        const observer = new MutationObserver(check);
        for (const el of [status, ...boxes]) observer.observe(el!, { attributes: true });
        const t0 = performance.now();
        document.querySelector<HTMLButtonElement>('[data-testid="train"]')!.click();
      }),
    plotsOf(sys),
  );
}

type Sample = { toDone: number; toPlots: number; fitMs: number };

/**
 * The page's memory by where it lives (the window, the run worker, each pool thread), MiB:
 * performance.measureUserAgentSpecificMemory, which needs a cross-origin isolated page.
 */
async function memoryByWorker(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const perf = performance as unknown as {
      measureUserAgentSpecificMemory?: () => Promise<{
        breakdown: Array<{ bytes: number; attribution: Array<{ url: string; scope: string }> }>;
      }>;
    };
    if (!perf.measureUserAgentSpecificMemory) return { unavailable: -1 };
    const m = await perf.measureUserAgentSpecificMemory();
    const out: Record<string, number> = {};
    for (const b of m.breakdown) {
      const where =
        b.attribution.map((a) => `${a.scope} ${a.url.split('/').pop()}`).join(', ') || 'shared';
      out[where] = Math.round(((out[where] ?? 0) + b.bytes / 2 ** 20) * 10) / 10;
    }
    return out;
  });
}

/** Medians of a set of samples, and the click → plots samples themselves. */
function summary(samples: Sample[]) {
  return {
    clickToPlotsMs: Math.round(median(samples.map((s) => s.toPlots))),
    clickToDoneMs: Math.round(median(samples.map((s) => s.toDone))),
    fitMs: Math.round(median(samples.map((s) => s.fitMs))),
    samplesClickToPlotsMs: samples.map((s) => Math.round(s.toPlots)),
  };
}

/** Types a value into a setting's box (auto-train is off: nothing runs until Train). */
async function setField(page: Page, key: string, value: string): Promise<void> {
  const box = page.getByTestId(`field-${key}`);
  // Fields outside the basic set sit in the collapsed "Advanced settings" section (issue 11).
  if (!(await box.isVisible())) await page.getByTestId('advanced-toggle').click();
  await box.fill(value);
  await box.press('Enter');
  await page.waitForFunction(
    ([k, v]) => new URLSearchParams(location.search).get(k) === v,
    [key, value],
    { timeout: 5_000 },
  );
}

/**
 * The stage-cache scenarios on one system's defaults: before each click on Train one setting is
 * given a value not used before. `seed` resamples everything (the full run to compare with),
 * `reg` refits from the cached features, `eps` only reassesses the forecasts.
 */
async function stageCache(page: Page, sys: string, reps: number) {
  const values: Record<string, (k: number) => string> = {
    seed: (k) => String(101 + k),
    reg: (k) => `${k + 2}e-9`,
    eps: (k) => String((30 + k) / 100),
  };
  const out: Record<string, ReturnType<typeof summary>> = {};
  for (const [key, value] of Object.entries(values)) {
    const samples: Sample[] = [];
    for (let k = 0; k < reps; k++) {
      await setField(page, key, value(k));
      samples.push(await timeOneClick(page, sys));
      await page.waitForTimeout(300);
    }
    out[key] = summary(samples);
  }
  const full = out.seed.clickToPlotsMs;
  return {
    sys,
    fullRunMs: full,
    regChangeMs: out.reg.clickToPlotsMs,
    epsChangeMs: out.eps.clickToPlotsMs,
    regShareOfFullRun: Number((out.reg.clickToPlotsMs / full).toFixed(3)),
    scenarios: out,
  };
}

async function main(): Promise<void> {
  const reps = Number(arg('reps', '5'));
  const systems = arg('systems', 'vanderpol,lorenz,rossler').split(',');
  const cacheSys = arg('cache-system', 'lorenz');
  const threads = arg('threads', '');
  const extra = arg('extra', '');
  const memory = process.argv.includes('--memory');
  const memoryBySystem: Record<string, unknown> = {};
  const server = await ensureServer(BASE_URL);
  const browser = await launchChromium();
  const results: Record<string, unknown> = {};
  let cache: Awaited<ReturnType<typeof stageCache>> | null = null;
  const open = async (sys: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // tsx (esbuild keepNames) wraps named functions in page.evaluate bodies with __name().
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    if (threads) await page.addInitScript((n) => localStorage.setItem('srnn.threads', n), threads);
    await openAndSettle(page, sys, extra);
    await page.getByTestId('auto-train').uncheck();
    return page;
  };
  try {
    for (const sys of systems) {
      const page = await open(sys);
      const samples: Sample[] = [];
      for (let i = 0; i < reps; i++) {
        // A seed not run yet, so each click is a whole run (the stage cache would answer a repeat).
        await setField(page, 'seed', String(1001 + i));
        samples.push(await timeOneClick(page, sys));
        await page.waitForTimeout(300); // let trailing paints settle between samples
      }
      results[sys] = summary(samples);
      if (memory) memoryBySystem[sys] = await memoryByWorker(page);
      await page.close();
    }
    if (cacheSys !== 'none') {
      const page = await open(cacheSys);
      cache = await stageCache(page, cacheSys, reps);
      await page.close();
    }
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid);
  }
  const report = {
    benchmark: 'click Train → all plots of the view redrawn (median)',
    reps,
    threads: threads ? Number(threads) : 'default (all cores for big runs)',
    extra,
    ...(memory ? { memoryMiB: memoryBySystem } : {}),
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    when: new Date().toISOString(),
    results,
    stageCache: cache,
  };
  writeReport('bench-ui', report);
}

runMain(main);
