/**
 * Cold-load benchmark, in real Chromium against the built app (vite preview) with the HTTP cache
 * disabled and a fresh browser context per load: when the controls paint (the Train button is in
 * the DOM, next animation frame), when the first plot and all plots of the first run are drawn,
 * the resource waterfall (each file's start and end, bytes), and the main thread's long tasks
 * (PerformanceObserver 'longtask', > 50 ms) from navigation until all plots are drawn. Medians of
 * --runs loads; JSON on stdout and in bench-results/bench-cold.json.
 *
 *   npx vite build && npx tsx scripts/bench-cold.ts [--runs 5] [--query sys=lorenz]
 *
 * A preview server already listening on BASE_URL (default http://127.0.0.1:4173) is reused;
 * otherwise one is started for the run and stopped afterwards.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose plot registry this script reads
/// <reference path="../src/ui/plots/plotly.d.ts" />
import { cpus, loadavg } from 'node:os';
import { median } from '../src/method/metrics';
import { familyOf } from '../src/run/registry';
import { parseQuery } from '../src/run/query';
import { plotIds } from '../src/ui/plots/registry';
import { arg, ensureServer, writeReport, launchChromium } from './lib/benchKit';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:4173';
const RUNS = Number(arg('runs', '5'));
const QUERY = arg('query', '');
/** The plots of the first run's view (page containers `plot-<id>`), from the plot registry. */
const PLOTS = plotIds(familyOf(parseQuery(QUERY, 'strict').config.sys));

/**
 * Installed before any page script: records the milestones and the long tasks. A string, not a
 * function: tsx would wrap the inner functions in a `__name` helper the page does not have.
 */
const instrument = (plots: readonly string[]) => `(() => {
  const plots = ${JSON.stringify(plots)};
  window.__cold = { marks: {}, long: [] };
  const m = window.__cold.marks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__cold.long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (m.controlsDom === undefined && document.querySelector('[data-testid="train"]')) {
      m.controlsDom = performance.now();
      requestAnimationFrame(() => (m.controlsPainted = performance.now()));
    }
    const boxes = plots.map((k) => document.querySelector('[data-testid="plot-' + k + '"]')).filter((b) => b);
    const drawn = boxes.filter((b) => b.getAttribute('data-rendered') === 'true');
    if (m.firstPlot === undefined && drawn.length > 0) m.firstPlot = performance.now();
    const status = document.querySelector('[data-testid="status"]');
    if (m.runDone === undefined && status && status.getAttribute('data-state') === 'done') m.runDone = performance.now();
    if (m.allPlots === undefined && m.runDone !== undefined && drawn.length === plots.length) m.allPlots = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Load {
  marks: Record<string, number>;
  long: Array<{ start: number; duration: number }>;
  resources: Array<{ name: string; start: number; end: number; bytes: number }>;
}

async function oneLoad(): Promise<Load> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript(instrument(PLOTS));
    await page.goto(`${BASE_URL}/${QUERY ? `?${QUERY}` : ''}`);
    await page.waitForFunction(
      () =>
        (window as unknown as { __cold: { marks: { allPlots?: number } } }).__cold.marks
          .allPlots !== undefined,
      null,
      { timeout: 300_000, polling: 50 },
    );
    return await page.evaluate(() => {
      const c = (window as unknown as { __cold: Load }).__cold;
      const resources = performance.getEntriesByType('resource').map((e) => {
        const r = e as PerformanceResourceTiming;
        return {
          name: r.name.replace(location.origin, ''),
          start: Math.round(r.startTime),
          end: Math.round(r.responseEnd),
          bytes: r.encodedBodySize,
        };
      });
      return { marks: c.marks, long: c.long, resources };
    });
  } finally {
    await browser.close();
  }
}

const server = await ensureServer(BASE_URL);
try {
  const loads: Load[] = [];
  for (let i = 0; i < RUNS; i++) loads.push(await oneLoad());
  const med = (k: string) => Math.round(median(loads.map((l) => l.marks[k] ?? NaN)));
  const longest = loads.map((l) =>
    Math.round(
      Math.max(
        0,
        ...l.long.filter((t) => t.start < (l.marks.allPlots ?? Infinity)).map((t) => t.duration),
      ),
    ),
  );
  const doc = {
    query: QUERY,
    runs: RUNS,
    cpus: cpus().length,
    loadavg: loadavg().map((x) => Math.round(x * 10) / 10),
    medianMs: {
      controlsPainted: med('controlsPainted'),
      firstPlot: med('firstPlot'),
      runDone: med('runDone'),
      allPlots: med('allPlots'),
    },
    longestTaskMs: longest,
    longTasksOver50: loads.map((l) => l.long.filter((t) => t.duration > 50).length),
    samples: loads.map((l) =>
      Object.fromEntries(Object.entries(l.marks).map(([k, v]) => [k, Math.round(v)])),
    ),
    waterfall: loads[Math.floor(loads.length / 2)].resources,
  };
  writeReport('bench-cold', doc);
} finally {
  if (server?.pid) process.kill(-server.pid);
}
