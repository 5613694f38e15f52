/**
 * Where the time of one click on Train goes, in real Chromium against the built app: a Chrome
 * trace (all threads) of "set one field, click Train → every plot shows the new result", reduced
 * to a waterfall — the main thread's tasks over 4 ms and the run worker's, each with its start
 * after the click, its length and the events inside it that took longest — and the total time per
 * event name on each thread. Build without minifying for readable function names:
 *
 *   npx vite build --minify false --outDir dist-prof
 *   npx vite preview --outDir dist-prof --port 5184 &
 *   BASE_URL=http://127.0.0.1:5184 npx tsx scripts/trace-ui.ts --sys lorenz --set reg=3e-9 [--out trace.json]
 *
 * The trace file (--out) opens in Chrome's Performance panel.
 */
import { readFileSync } from 'node:fs';
import { familyOf } from '../src/run/registry';
import { plotIds } from '../src/ui/plots/registry';
import { arg, launchChromium } from './lib/benchKit';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:4173';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  cat: string;
  args?: Record<string, unknown> & { name?: string; data?: Record<string, unknown> };
}

async function main(): Promise<void> {
  const sys = arg('sys', 'lorenz');
  const [key, value] = arg('set', 'reg=3e-9').split('=');
  const out = arg('out', '/tmp/trace-ui.json');
  const plots = plotIds(familyOf(sys));
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(`${BASE_URL}/?sys=${sys}`);
  await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 300_000 });
  for (const k of plots)
    await page.waitForSelector(`[data-testid="plot-${k}"][data-rendered="true"]`);
  await page.getByTestId('auto-train').uncheck();
  const box = page.getByTestId(`field-${key}`);
  if (!(await box.isVisible())) await page.getByTestId('advanced-toggle').click();
  await box.fill(value);
  await box.press('Enter');
  // --css: a style sheet added before the click (what-if experiments, e.g. no animations).
  const css = arg('css', '');
  if (css) await page.addStyleTag({ content: css });
  await page.waitForTimeout(500);
  await browser.startTracing(page, {
    path: out,
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'blink.user_timing',
      'v8',
      'disabled-by-default-v8.cpu_profiler',
      ...(process.env.TRACE_EXTRA ?? '').split(',').filter(Boolean),
    ],
  });
  const t = await page.evaluate(
    (ids) =>
      new Promise<{ toDone: number; toPlots: number }>((resolve) => {
        const status = document.querySelector('[data-testid="status"]')!;
        const prev = Number(status.getAttribute('data-run'));
        const boxes = ids.map((k) => document.querySelector(`[data-testid="plot-${k}"]`)!);
        let done = -1;
        const check = () => {
          if (
            Number(status.getAttribute('data-run')) > prev &&
            status.getAttribute('data-state') === 'done' &&
            done < 0
          ) {
            done = performance.now();
            performance.mark('status-done');
          }
          if (done < 0) return;
          const seq = status.getAttribute('data-result');
          if (boxes.every((b) => b.getAttribute('data-revision') === seq)) {
            observer.disconnect();
            performance.mark('plots-done');
            resolve({ toDone: done - t0, toPlots: performance.now() - t0 });
          }
        };
        const observer = new MutationObserver(check);
        for (const el of [status, ...boxes]) observer.observe(el, { attributes: true });
        performance.mark('click');
        const t0 = performance.now();
        document.querySelector<HTMLButtonElement>('[data-testid="train"]')!.click();
      }),
    plots,
  );
  await page.waitForTimeout(300);
  await browser.stopTracing();
  // The worker's phase times of this run, from the progress bar's legend.
  const phases = await page.$$eval('[data-testid^="timing-"]', (els) =>
    els.map((e) => e.textContent).join(', '),
  );
  console.log(`worker phases: ${phases}`);
  await browser.close();
  console.log(`click → done ${t.toDone.toFixed(0)} ms, → plots ${t.toPlots.toFixed(0)} ms`);
  summarise(JSON.parse(readFileSync(out, 'utf8')).traceEvents as TraceEvent[]);
}

function summarise(events: TraceEvent[]): void {
  const names = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name')
      names.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const click = events.find((e) => e.name === 'click' && e.cat.includes('user_timing'));
  const t0 = click?.ts ?? 0;
  const tid = (e: TraceEvent) => names.get(`${e.pid}:${e.tid}`) ?? `${e.tid}`;
  const threads = ['CrRendererMain', 'DedicatedWorker thread'];
  for (const th of threads) {
    const xs = events.filter(
      (e) => e.ph === 'X' && tid(e) === th && e.ts >= t0 && e.dur !== undefined,
    );
    console.log(`\n== ${th}: tasks ≥ 4 ms after the click`);
    const tasks = xs.filter((e) => e.name === 'RunTask' && e.dur! >= 4000);
    for (const task of tasks) {
      const inner = xs
        .filter(
          (e) =>
            e !== task &&
            e.ts >= task.ts &&
            e.ts + e.dur! <= task.ts + task.dur! &&
            e.name !== 'RunTask',
        )
        .sort((a, b) => b.dur! - a.dur!)
        .slice(0, 6)
        .map((e) => {
          const d = e.args?.data as
            { functionName?: string; url?: string; type?: string } | undefined;
          const what = d?.functionName || d?.type || '';
          return `${e.name}${what ? `(${what})` : ''} ${(e.dur! / 1000).toFixed(1)}`;
        });
      console.log(
        `  +${((task.ts - t0) / 1000).toFixed(0).padStart(5)} ms  ${(task.dur! / 1000).toFixed(1).padStart(7)} ms  ${inner.join(' | ')}`,
      );
    }
    const total = new Map<string, number>();
    for (const e of xs) total.set(e.name, (total.get(e.name) ?? 0) + e.dur! / 1000);
    console.log(
      '  totals: ' +
        [...total.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 14)
          .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
          .join(', '),
    );
  }
  for (const m of ['status-done', 'plots-done']) {
    const e = events.find((x) => x.name === m);
    if (e) console.log(`${m} at +${((e.ts - t0) / 1000).toFixed(0)} ms`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
