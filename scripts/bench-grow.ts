/**
 * "Grow the network" benchmark, in real Chromium against the built app (vite preview): on a
 * system's defaults, the worker's time to refit every width (from the run's cached features), and
 * the redraw time of one animation step — slider moved → both figures (error curve and spectrum)
 * drawn with the new frame (`data-revision` = frame + 1, written when Plotly.react has finished)
 * and the next animation frame painted. Every transition k → k' of the schedule, forwards, --reps
 * times (default 5); median, 90th percentile and max per step, in the page's clock.
 * JSON on stdout and in bench-results/bench-grow.json.
 *
 *   npx vite build && npx tsx scripts/bench-grow.ts [--reps 5] [--sys vanderpol]
 *
 * A preview server listening on BASE_URL (default http://127.0.0.1:$E2E_PORT, port 4202 when unset)
 * is reused; otherwise one is started for the run and stopped afterwards.
 */
import { cpus } from 'node:os';
import { quantile } from '../src/method/metrics';
import { arg, ensureServer, writeReport, runMain, launchChromium } from './lib/benchKit';

const BASE_URL = process.env.BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? '4202'}`;

async function main(): Promise<void> {
  const reps = Number(arg('reps', '5'));
  const sys = arg('sys', 'vanderpol');
  const server = await ensureServer(BASE_URL);
  const browser = await launchChromium();
  let report: Record<string, unknown>;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${BASE_URL}/?sys=${sys}`);
    await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 300_000 });
    await page.getByTestId('auto-train').uncheck();
    const t0 = Date.now();
    await page.getByTestId('explain-grow').click();
    await page.waitForSelector('[data-testid="grow-view"][data-steps]:not([data-steps=""])', {
      timeout: 300_000,
    });
    const clickToReady = Date.now() - t0;
    const view = page.getByTestId('grow-view');
    const steps = Number(await view.getAttribute('data-steps'));
    const growMs = Number(await view.getAttribute('data-grow-ms'));
    await page.waitForSelector('[data-testid="plot-grow-error"][data-revision="1"]');
    await page.getByTestId('grow-view').scrollIntoViewIfNeeded();
    const samples: Array<{ to: number; ms: number }> = [];
    for (let r = 0; r < reps; r++) {
      for (let f = r === 0 ? 1 : 0; f < steps; f++) {
        const ms = await page.evaluate(
          (frame) =>
            new Promise<number>((resolve) => {
              const slider = document.querySelector<HTMLInputElement>(
                '[data-testid="grow-slider"]',
              )!;
              const plots = ['plot-grow-error', 'plot-grow-spectrum'].map((id) =>
                document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!,
              );
              const want = String(frame + 1);
              const start = performance.now();
              const done = () => plots.every((p) => p.dataset.revision === want);
              const obs = new MutationObserver(() => {
                if (!done()) return;
                obs.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - start));
              });
              for (const p of plots) obs.observe(p, { attributes: true });
              // React's onChange of a range input listens to the native input event.
              const setter = Object.getOwnPropertyDescriptor(
                HTMLInputElement.prototype,
                'value',
              )!.set!;
              setter.call(slider, String(frame));
              slider.dispatchEvent(new Event('input', { bubbles: true }));
            }),
          f,
        );
        samples.push({ to: f, ms });
        await page.waitForTimeout(100);
      }
    }
    const all = samples.map((s) => s.ms).sort((a, b) => a - b);
    const perFrame = Array.from({ length: steps }, (_, f) => {
      const v = samples
        .filter((s) => s.to === f)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      return v.length ? { frame: f, median: quantile(v, 0.5), max: v[v.length - 1] } : null;
    }).filter(Boolean);
    report = {
      benchmark: 'grow the network: slider step → error curve and spectrum redrawn (page clock)',
      sys,
      reps,
      steps,
      machine: { cpus: cpus().length, model: cpus()[0]?.model },
      when: new Date().toISOString(),
      workerGrowMs: growMs,
      clickToReadyMs: clickToReady,
      redrawMs: {
        samples: all.length,
        median: quantile(all, 0.5),
        p90: quantile(all, 0.9),
        max: all[all.length - 1],
      },
      perFrame,
    };
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid);
  }
  writeReport('bench-grow', report);
}

runMain(main);
