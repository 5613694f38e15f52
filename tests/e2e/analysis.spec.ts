import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { collectErrors, openApp } from './helpers';

/**
 * The analysis panel (issue 14): Lyapunov spectrum, long-term statistics and the repeat over
 * seeds run in a worker, and the page shows exactly the CLI's numbers for the same query.
 */
const QUERY = 'sys=lorenz&width=150&len=3000&ntest=4&horizon=300';
const STEPS = 3000;

function cli(...flags: string[]): Record<string, unknown> {
  const out = execFileSync('npm', ['run', '--silent', 'srnn', '--', QUERY, ...flags], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as Record<string, unknown>;
}

/** Installs a longtask observer; returns nothing (entries collect in window.__long). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: Array<{ start: number; duration: number }> };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
}

/**
 * Clicks an analysis button and resolves when `viewId` appears, with both moments in the page's
 * clock; then the long tasks that started in between.
 */
async function timedAnalysis(page: Page, button: string, viewId: string) {
  const span = await page.evaluate(
    ({ button, viewId }) =>
      new Promise<{ t0: number; t1: number }>((resolve) => {
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          if (document.querySelector(`[data-testid="${viewId}"]`)) {
            obs.disconnect();
            resolve({ t0, t1: performance.now() });
          }
        });
        obs.observe(document.body, { childList: true, subtree: true });
        document.querySelector<HTMLButtonElement>(`[data-testid="${button}"]`)!.click();
      }),
    { button, viewId },
  );
  const long = await page.evaluate(
    () => (window as unknown as { __long: Array<{ start: number; duration: number }> }).__long,
  );
  const during = long.filter((e) => e.start >= span.t0 && e.start < span.t1);
  return { ms: span.t1 - span.t0, long: during, t1: span.t1 };
}

const cellValue = (page: Page, row: string, col: string) =>
  page
    .getByTestId('lyapunov-table')
    .locator(`tr[data-row="${row}"] td[data-col="${col}"]`)
    .getAttribute('data-value');

test('Lyapunov spectrum and statistics: the CLI’s numbers, a responsive page', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await openApp(page, QUERY);
  await expect(page.getByTestId('analysis-panel')).toBeVisible();
  await page.getByTestId('analysis-steps').selectOption(String(STEPS));
  await watchLongTasks(page);

  const lyap = await timedAnalysis(page, 'analysis-lyapunov', 'lyapunov-view');
  expect(lyap.ms, 'a real analysis in the worker, not an instant answer').toBeGreaterThan(50);
  expect(lyap.long.filter((e) => e.duration > 200)).toEqual([]);
  await expect(page.getByTestId('plot-lyapunov')).toHaveAttribute('data-rendered', 'true');

  const doc = cli(`--lyap=${STEPS}`).lyapunov as {
    steps: number;
    surrogate: { exponents: number[]; sum: number; kaplanYorke: number };
    truth: { exponents: number[]; sum: number; kaplanYorke: number };
    reference: { lambdaMax: number; sum: number };
  };
  expect(doc.steps).toBe(STEPS);
  for (const [col, s] of [
    ['rnn', doc.surrogate],
    ['truth', doc.truth],
  ] as const) {
    for (let j = 0; j < 3; j++)
      expect(Number(await cellValue(page, `lambda${j + 1}`, col)), `${col} λ${j + 1}`).toBe(
        s.exponents[j],
      );
    expect(Number(await cellValue(page, 'sum', col))).toBe(s.sum);
    expect(Number(await cellValue(page, 'kaplanYorke', col))).toBe(s.kaplanYorke);
  }
  expect(Number(await cellValue(page, 'lambda1', 'reference'))).toBe(doc.reference.lambdaMax);
  expect(Number(await cellValue(page, 'sum', 'reference'))).toBe(doc.reference.sum);

  const stats = await timedAnalysis(page, 'analysis-stats', 'stats-view');
  expect(stats.long.filter((e) => e.duration > 200)).toEqual([]);
  for (const id of ['plot-stats-marginals', 'plot-stats-spectra', 'plot-returnmap'])
    await expect(page.getByTestId(id), id).toHaveAttribute('data-rendered', 'true');
  // For the report: the tasks of drawing the three figures after the analysis (staggered).
  const drawing = await page.evaluate(
    (t1) =>
      (window as unknown as { __long: Array<{ start: number; duration: number }> }).__long
        .filter((e) => e.start >= t1)
        .map((e) => Math.round(e.duration)),
    stats.t1,
  );
  console.log(
    `analysis ${lyap.ms.toFixed(0)} ms / ${stats.ms.toFixed(0)} ms; drawing tasks ${drawing.join(', ')} ms`,
  );
  // The Lyapunov results stay next to the statistics (same run).
  await expect(page.getByTestId('lyapunov-view')).toBeVisible();
  const sdoc = cli(`--stats=${STEPS}`).stats as {
    components: Array<{ name: string; wasserstein: number; floorWasserstein: number }>;
  };
  for (const c of sdoc.components) {
    const row = page.getByTestId('stats-table').locator(`tr[data-row="${c.name}"] td`);
    expect(Number(await row.nth(0).getAttribute('data-value')), c.name).toBe(c.wasserstein);
    expect(Number(await row.nth(1).getAttribute('data-value')), c.name).toBe(c.floorWasserstein);
  }
  await page.screenshot({ path: 'test-results/analysis-1280x720.png' });
  await page.getByTestId('lyapunov-view').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/analysis-lyapunov-1280x720.png' });
  await page.getByTestId('stats-view').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/analysis-stats-1280x720.png' });
  await page.getByTestId('stats-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/analysis-stats-table-1280x720.png' });
  expect(errors).toEqual([]);
});

test('repeat over seeds: the CLI’s --seeds numbers; Cancel stops it; a new run clears', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await openApp(page, QUERY);
  await page.getByTestId('analysis-seed-count').selectOption('3');
  await expect(page.getByTestId('analysis-seeds')).toHaveText('Repeat over 3 seeds');
  await watchLongTasks(page);
  const run = await timedAnalysis(page, 'analysis-seeds', 'seeds-view');
  expect(run.long.filter((e) => e.duration > 200)).toEqual([]);

  const doc = cli('--seeds=3').seeds as {
    seeds: number[];
    metrics: Record<string, { mean: number; std: number; min: number; max: number }>;
  };
  const rows = page.getByTestId('seeds-table').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const keys = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
  expect(keys).toEqual(['testMse', 'rolloutMseRelift', 'vptLyapunov', 'spectralRadius']);
  for (const key of keys as string[]) {
    const tr = page.getByTestId('seeds-table').locator(`tr[data-row="${key}"]`);
    for (const f of ['mean', 'std', 'min', 'max'] as const)
      expect(Number(await tr.getAttribute(`data-${f}`)), `${key} ${f}`).toBe(doc.metrics[key][f]);
  }

  await page.getByTestId('seeds-view').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/analysis-seeds-1280x720.png' });
  // Cancel: the bar goes, the buttons come back, the table shown stays.
  await page.getByTestId('analysis-seed-count').selectOption('10');
  await page.getByTestId('analysis-seeds').click();
  await expect(page.getByTestId('analysis-progress')).toBeVisible();
  await page.getByTestId('analysis-cancel').click();
  await expect(page.getByTestId('analysis-progress')).toHaveCount(0);
  await expect(page.getByTestId('analysis-lyapunov')).toBeEnabled();
  await expect(page.getByTestId('seeds-table')).toBeVisible();

  // A new run (another seed) clears the analyses of the old one.
  await page.getByTestId('field-seed').fill('7');
  await page.getByTestId('field-seed').press('Enter');
  await expect(page.getByTestId('seeds-table')).toHaveCount(0, { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('ridge curve for a validated λ (regsel=cv)', async ({ page }) => {
  await openApp(page, 'sys=vanderpol&noise=0.05&seed=1&regsel=cv');
  const plot = page.getByTestId('plot-ridge');
  await expect(plot).toHaveAttribute('data-rendered', 'true');
  const names = await plot
    .locator('.js-plotly-plot')
    .evaluate((gd) => (gd as unknown as { data: Array<{ name: string }> }).data.map((t) => t.name));
  expect(names[0]).toBe('held-out rollout MSE');
  expect(names).toContain('diverged (∞)');
  expect(names.some((n) => n.startsWith('chosen λ_rel'))).toBe(true);
  await plot.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/analysis-ridge-1280x720.png' });
});
