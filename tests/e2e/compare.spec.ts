import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { collectErrors, metricValues, openApp, runId, waitForRun } from './helpers';

/**
 * Pin and compare (issue 13): pin a run, change the sampler, the table shows both rows with the
 * CLI's numbers for the same queries, and the link restores both; a sweep runs in the worker.
 */
const QUERY = 'sys=lorenz&width=120&len=2000&ntest=4&horizon=300';

function cliMetrics(query: string): Record<string, number | null> {
  const out = execFileSync('npm', ['run', '--silent', 'srnn', '--', query], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return (JSON.parse(out) as { metrics: Record<string, number | null> }).metrics;
}

async function rowNumbers(page: Page, i: number) {
  const row = page.getByTestId(`compare-row-${i}`);
  const num = async (a: string) => {
    const v = await row.getAttribute(a);
    return v === '' || v === null ? null : Number(v);
  };
  return {
    query: (await row.getAttribute('data-query'))!,
    testMse: await num('data-test-mse'),
    rolloutMse: await num('data-rollout-mse'),
    vpt: await num('data-vpt'),
  };
}

async function expectCliRows(page: Page, n: number) {
  await expect(page.getByTestId('compare-table').locator('tbody tr')).toHaveCount(n, {
    timeout: 60_000,
  });
  const queries: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await rowNumbers(page, i);
    const m = cliMetrics(r.query);
    expect(r.testMse, `row ${i} testMse`).toBe(m.testMse);
    expect(r.rolloutMse, `row ${i} rolloutMse`).toBe(m.rolloutMse);
    expect(r.vpt, `row ${i} vpt`).toBe(m.vpt);
    queries.push(r.query);
  }
  return queries;
}

test('pin, change the sampler: both rows with the CLI numbers, restored by the link', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await openApp(page, QUERY);
  await page.getByTestId('compare-pin').click();
  await expect(page).toHaveURL(/[?&]pin=v%3D2%26sys%3Dlorenz/);
  await expect(page.getByTestId('compare-pin-count')).toHaveAttribute('data-count', '1');
  // One click: the pinned run again with the other sampler (it becomes the current run).
  const before = await runId(page);
  await page.getByTestId('compare-other-sampler-0').click();
  await waitForRun(page, before, { timeout: 60_000 });
  await expect(page.getByTestId('field-sampler')).toHaveAttribute('data-value', 'random');
  const queries = await expectCliRows(page, 2);
  expect(queries[0]).toContain('sampler=random');
  expect(queries[1]).not.toContain('sampler=');
  await page.getByTestId('compare').scrollIntoViewIfNeeded();
  await page.getByTestId('compare').screenshot({ path: 'test-results/compare-pins.png' });

  // The link restores both: the current run and the pinned one (trained again from its query).
  const url = page.url();
  await page.goto(url);
  await waitForRun(page, 0, { timeout: 60_000 });
  const restored = await expectCliRows(page, 2);
  expect(restored).toEqual(queries);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('plot-compare-error').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/compare-view.png' });
  expect(errors).toEqual([]);
});

test('a sweep runs in the worker with progress, and its rows equal the CLI', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await openApp(page, 'sys=vanderpol&ntraj=30&len=100&ntest=5&horizon=100');
  await page.getByTestId('sweep-kind').selectOption('width');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-progress')).toBeVisible();
  await expect(page.getByTestId('sweep-crossover')).toBeVisible({ timeout: 180_000 });
  const rows = page.getByTestId('sweep-table').locator('tbody tr');
  await expect(rows).toHaveCount(14);
  const first = rows.nth(3);
  const q = (await first.getAttribute('data-query'))!;
  const m = cliMetrics(q);
  expect(Number(await first.getAttribute('data-test-mse'))).toBe(m.testMse);
  expect(Number(await first.getAttribute('data-vpt'))).toBe(m.vpt);
  await page.getByTestId('plot-sweep-error').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/compare-sweep.png' });
  // Cancel stops a comparison at once and leaves the page usable.
  await page.getByTestId('sweep-run').click();
  await page.getByTestId('sweep-cancel').click();
  await expect(page.getByTestId('sweep-run')).toBeVisible();
  expect(errors).toEqual([]);
});

test('an echo state network (net=esn) runs in the page with the CLI numbers', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const q = 'sys=lorenz&len=1500&ntest=4&horizon=300&net=esn&esnsize=80&esnwarm=100';
  await openApp(page, q);
  const m = cliMetrics(q);
  const shown = await metricValues(page);
  for (const k of ['testMse', 'rolloutMse', 'vpt', 'spectralRadius'])
    expect(Number(shown[k]), k).toBe(m[k]);
  await page.screenshot({ path: 'test-results/compare-esn.png' });
  expect(errors).toEqual([]);
});
