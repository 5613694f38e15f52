/**
 * Drawing the largest forecast the settings allow (issue 16), in real Chromium against the built
 * app: van der Pol at a small width (a cheap run) with the most test starts (ntest 200) and the
 * longest horizon (20 000 steps). Each repetition clicks Train with a new seed and records the
 * main thread's long tasks from the click until every plot shows the result (tests/e2e/drawTasks).
 * Reports the longest task per repetition (wall time, as 'longtask' sees it, and CPU time from a
 * Chrome trace of the same window: on a loaded machine the wall time includes waiting for a core),
 * their median and maximum, the points Plotly was given per trace, and the load average. JSON on stdout and in bench-results/bench-draw.json.
 *
 *   npx vite build && npx tsx scripts/bench-draw.ts [--reps 5] [--width 20] [--ntest N --horizon H]
 *
 * A preview server already listening on BASE_URL (default http://127.0.0.1:4173) is reused;
 * otherwise one is started for the run and stopped afterwards.
 */
import { cpus, loadavg } from 'node:os';
import { median } from '../src/method/metrics';
import { plotIds } from '../src/ui/plots/registry';
import { drawTasks, LARGEST, typeSetting, type DrawTasks } from '../tests/e2e/drawTasks';
import { arg, ensureServer, writeReport, runMain, launchChromium } from './lib/benchKit';
import { withTaskCpu, type TaskCpu } from './lib/taskCpu';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:4173';

async function main(): Promise<void> {
  const reps = Number(arg('reps', '5'));
  const width = arg('width', '20');
  // The largest forecast by default; smaller sizes to compare with (e.g. the defaults 20 × 200).
  const ntest = arg('ntest', String(LARGEST.ntest));
  const horizon = arg('horizon', String(LARGEST.horizon));
  const server = await ensureServer(BASE_URL);
  const browser = await launchChromium();
  const samples: DrawTasks[] = [];
  const cpu: TaskCpu[] = [];
  const loadBefore = loadavg();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // tsx (esbuild keepNames) wraps named functions in page.evaluate bodies with __name().
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${BASE_URL}/?sys=vanderpol&width=${width}&ntest=2&horizon=40`);
    await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 60_000 });
    await page.getByTestId('auto-train').uncheck();
    await typeSetting(page, 'ntest', ntest);
    await typeSetting(page, 'horizon', horizon);
    for (let i = 0; i < reps; i++) {
      // A seed not run yet: each click is a whole run and a whole new figure set.
      await typeSetting(page, 'seed', String(2001 + i));
      const { value, cpu: c } = await withTaskCpu(browser, page, () =>
        drawTasks(page, plotIds('free')),
      );
      samples.push(value);
      cpu.push(c);
      console.error(
        `rep ${i + 1}: longest task ${value.longestMs} ms (wall); longest by CPU ${c.longestCpuMs} ms`,
      );
      await page.waitForTimeout(500);
    }
  } finally {
    await browser.close();
    if (server?.pid) process.kill(-server.pid);
  }
  const longest = samples.map((s) => s.longestMs);
  const report = {
    benchmark: 'longest main-thread task, click Train → every plot drawn + 1 s (largest forecast)',
    settings: `sys=vanderpol&width=${width}&ntest=${ntest}&horizon=${horizon}`,
    reps,
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    loadAverage: { before: loadBefore, after: loadavg() },
    when: new Date().toISOString(),
    longestTaskMs: { median: median(longest), max: Math.max(...longest), samples: longest },
    // The same window traced: each task's thread (CPU) time, which waiting for a core leaves out.
    longestTaskCpuMs: {
      median: median(cpu.map((c) => c.longestCpuMs)),
      max: Math.max(...cpu.map((c) => c.longestCpuMs)),
      samples: cpu.map((c) => c.longestCpuMs),
    },
    tasksWallCpuMs: cpu.map((c) => c.tasks),
    clickToPlotsMs: median(samples.map((s) => s.toPlotsMs)),
    clickToDoneMs: median(samples.map((s) => s.toDoneMs)),
    pointsPerTrace: samples[0]?.pointsPerTrace,
    pointsPerPlot: samples[0]?.pointsPerPlot,
    tasksMs: samples.map((s) => s.tasksMs),
  };
  writeReport('bench-draw', report);
}

runMain(main);
