/**
 * Issue 11, nothing leaves the page: a whole session (every system, weather, a CSV import, every
 * export) makes no request outside the page's own origin, and Plotly offers no cloud link.
 */
import { expect, test } from '@playwright/test';
import { REGISTRY_IDS, familyOf } from '../../src/run/registry';
import { download, runId, waitForPlots, waitForRun } from './helpers';

const FIXTURE = 'tests/fixtures/oscillation.csv';

test('a session over all systems, CSV import and exports requests nothing outside the origin', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const origin = new URL(baseURL!).origin;
  const outside: string[] = [];
  let total = 0;
  const record = (url: string) => {
    total++;
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) outside.push(url);
  };
  page.context().on('request', (req) => record(req.url()));
  // Workers' requests too (the worker fetches its WebAssembly and data by URL).
  page.on('worker', (w) => record(w.url()));

  for (const sys of REGISTRY_IDS) {
    if (sys === 'csv') continue;
    const fast = familyOf(sys) === 'series' ? '' : '&ntraj=5&len=100&horizon=100&width=80';
    await page.goto(`/?sys=${sys}${fast}`);
    await waitForRun(page, 0, { timeout: 90_000 });
    await waitForPlots(page, 60_000, familyOf(sys));
    // No Share / Edit-in-Chart-Studio button, no link to the cloud in any plot's config.
    await expect(page.locator('.modebar-btn[data-title*="Chart Studio"]')).toHaveCount(0);
    await expect(page.locator('.modebar-btn[data-title*="Share"]')).toHaveCount(0);
    const configs = await page.$$eval('.js-plotly-plot', (gds) =>
      gds.map((gd) => {
        const c = (gd as unknown as { _context: Record<string, unknown> })._context;
        return [c.showLink, c.showSendToCloud, c.showEditInChartStudio];
      }),
    );
    // Plotly 4 dropped showLink and showEditInChartStudio (undefined); none may be on.
    for (const c of configs) expect(c.filter((v) => v === true)).toEqual([]);
  }
  // Exports of the last simulated run: CSV, model JSON, a PNG and an SVG.
  await page.goto('/?sys=vanderpol&ntraj=5&len=100&horizon=100&width=80');
  await waitForRun(page, 0);
  await waitForPlots(page);
  await download(page, 'export-csv');
  await download(page, 'export-json');
  await download(page, 'export-png-spectrum');
  await download(page, 'export-svg-spectrum');
  // The gradient baselines: TensorFlow.js in its own worker, its wasm binary from the app.
  await page.locator('[data-testid="bptt-panel"] > summary').click();
  await page.getByTestId('bptt-budget').fill('1');
  await page.getByTestId('bptt-train').click();
  const bptt = page.getByTestId('bptt-status');
  await expect(bptt).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(bptt).toContainText('wasm backend');
  // A CSV file from disk.
  await page.goto('/?sys=csv');
  const before = await runId(page);
  await page.getByTestId('csv-file').setInputFiles(FIXTURE);
  await waitForRun(page, before, { timeout: 60_000 });
  await waitForPlots(page, 60_000, 'series');
  await download(page, 'export-csv');

  console.log(`requests: ${total}, outside the origin: ${outside.length}`);
  expect(total).toBeGreaterThan(10);
  expect(outside).toEqual([]);
});
