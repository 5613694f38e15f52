/**
 * Issue 13, gradient baselines in the page: an LSTM trained by BPTT in its own worker
 * (TensorFlow.js, wasm backend from the app's own assets) never blocks the main thread (no task
 * over 100 ms while it trains), shows a live learning curve and the comparison table next to the
 * sampled RNN's numbers, and Stop ends training within 200 ms. Short budgets keep CI time small.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openApp } from './helpers';

async function openSection(page: Page, budget: number) {
  await page.locator('[data-testid="bptt-panel"] > summary').click();
  await page.getByTestId('bptt-budget').fill(String(budget));
}

function watchLongTasks(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __long: Array<{ start: number; duration: number }> };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
}

test('an LSTM trains by BPTT without blocking the page; its numbers sit next to the sampled RNN’s', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const wasm: string[] = [];
  page.context().on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url());
  });
  await openApp(page);
  // TensorFlow.js is not loaded before the section is opened.
  expect(wasm.filter((u) => u.includes('tfjs'))).toEqual([]);
  await openSection(page, 5);
  await watchLongTasks(page);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId('bptt-train').click();
  const status = page.getByTestId('bptt-status');
  await expect(status).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  // The live curve (SVG) grows while training.
  await expect(page.locator('[data-testid="bptt-live-curve"] polyline').first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  // After training, the interactive Plotly figure.
  await expect(page.getByTestId('plot-bptt-curve')).toHaveAttribute('data-rendered', 'true', {
    timeout: 30_000,
  });
  const t1 = Number(await status.getAttribute('data-ended-at'));
  expect(t1).toBeGreaterThan(t0);
  const long = await page.evaluate(
    () => (window as unknown as { __long: Array<{ start: number; duration: number }> }).__long,
  );
  const during = long.filter((e) => e.start >= t0 && e.start < t1);
  console.log(
    `training window ${((t1 - t0) / 1000).toFixed(1)} s, long tasks: ${JSON.stringify(during)}`,
  );
  expect(during.filter((e) => e.duration > 100)).toEqual([]);

  // The wasm backend, its binary served by the app itself.
  await expect(status).toContainText('wasm backend');
  const origin = new URL(baseURL!).origin;
  const tfWasm = wasm.filter((u) => u.includes('tfjs-backend-wasm'));
  expect(tfWasm.length).toBeGreaterThan(0);
  for (const u of tfWasm) expect(new URL(u).origin).toBe(origin);

  // The table: the sampled RNN's row is the run's own numbers; the LSTM's are finite.
  const table = page.getByTestId('bptt-table');
  await expect(table).toBeVisible();
  const sampledMse = Number(
    await page.getByTestId('bptt-sampled-testMse').getAttribute('data-value'),
  );
  const shownMse = Number(await page.getByTestId('metric-testMse').getAttribute('data-value'));
  expect(sampledMse).toBe(shownMse);
  const lstmMse = Number(await page.getByTestId('bptt-lstm-testMse').getAttribute('data-value'));
  const lstmRollout = Number(
    await page.getByTestId('bptt-lstm-rolloutMse').getAttribute('data-value'),
  );
  const trained = Number(await page.getByTestId('bptt-lstm-training').getAttribute('data-value'));
  expect(lstmMse).toBeGreaterThan(0);
  expect(Number.isFinite(lstmRollout)).toBe(true);
  expect(trained).toBeGreaterThanOrEqual(5);
  expect(trained).toBeLessThan(8);
  // Within 5 s the LSTM is far from the sampled RNN: the ratio is a lower bound (or a ratio).
  const reach = page.getByTestId('bptt-lstm-reach-0.001');
  expect(['atLeast', 'ratio']).toContain(await reach.getAttribute('data-ratio-kind'));
  console.log(
    `sampled one-step ${sampledMse}, LSTM one-step ${lstmMse}, rollout ${lstmRollout}, ratio at 1e-3 ${await reach.getAttribute('data-ratio')}`,
  );
  await page.screenshot({ path: 'test-results/bptt-done.png', fullPage: false });
  await page.getByTestId('bptt-panel').scrollIntoViewIfNeeded();
  await page.getByTestId('bptt-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/bptt-table.png' });
  expect(errors).toEqual([]);
});

test('Stop ends BPTT training within 200 ms and the network so far is still scored', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  await openSection(page, 60);
  await page.getByTestId('bptt-train').click();
  const status = page.getByTestId('bptt-status');
  await expect(status).toHaveAttribute('data-state', 'training', { timeout: 60_000 });
  await expect(page.locator('[data-testid="bptt-live-curve"] polyline').first()).toBeVisible({
    timeout: 30_000,
  });
  await page.waitForTimeout(1500);
  // Click in the page's clock: from the click to the moment training has ended.
  const clickAt = await page.evaluate(() => {
    const t = performance.now();
    document.querySelector<HTMLButtonElement>('[data-testid="bptt-stop"]')!.click();
    return t;
  });
  await expect(status).toHaveAttribute('data-state', /forecasting|done/, { timeout: 10_000 });
  const endedAt = Number(await status.getAttribute('data-ended-at'));
  console.log(`Stop click → training ended: ${(endedAt - clickAt).toFixed(1)} ms`);
  expect(endedAt - clickAt).toBeGreaterThanOrEqual(0);
  expect(endedAt - clickAt).toBeLessThan(200);
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  // The network after the last finished Adam step is scored: far less than the budget trained,
  // the row says it was stopped, and its numbers are there.
  const trained = Number(await page.getByTestId('bptt-lstm-training').getAttribute('data-value'));
  expect(trained).toBeGreaterThan(0);
  expect(trained).toBeLessThan(30);
  await expect(page.getByTestId('bptt-row-lstm')).toContainText('stopped');
  const mse = Number(await page.getByTestId('bptt-lstm-testMse').getAttribute('data-value'));
  expect(mse).toBeGreaterThan(0);
  await expect(page.getByTestId('plot-bptt-curve')).toHaveAttribute('data-rendered', 'true');
  await page.getByTestId('bptt-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/bptt-stopped.png' });
});
