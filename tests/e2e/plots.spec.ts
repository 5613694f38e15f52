import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import {
  collectErrors,
  CONTROL_PLOT_KINDS,
  download,
  SERIES_PLOT_KINDS,
  waitForRun,
} from './helpers';

/** A quick controlled run and a quick weather run. */
const CONTROLLED = 'sys=forcedvdp&width=100&ntraj=20&len=100&ntest=3&horizon=80&ctime=12';
const WEATHER = 'sys=weather&width=60';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The plot containers on the page, in page order. */
async function plotOrder(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid^="plot-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('plot-'.length)));
}

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await waitForRun(page, 0, { timeout: 60_000 });
}

/** Trace names of a drawn plot. */
async function traceNames(page: Page, kind: string): Promise<string[]> {
  return page
    .getByTestId(`plot-${kind}`)
    .locator('.js-plotly-plot')
    .evaluate((gd) =>
      ((gd as unknown as { data: Array<{ name?: string }> }).data ?? []).map((t) => t.name ?? ''),
    );
}

test('plots= in the controlled view shows exactly the named plots, each with its caption', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await open(page, `${CONTROLLED}&plots=spectrum,closedloop`);
  for (const kind of ['spectrum', 'closedloop'])
    await expect(page.getByTestId(`plot-${kind}`)).toHaveAttribute('data-rendered', 'true');
  expect(await plotOrder(page)).toEqual(['spectrum', 'closedloop']);
  // The prediction numbers stay with the metrics; the task note stays with the closed loop.
  await expect(page.getByTestId('input-table')).toBeVisible();
  await expect(page.getByTestId('task-note')).toBeVisible();
  // Every plot has a caption under it.
  await expect(page.locator('figure.plot-cell figcaption')).toHaveCount(2);
  // The forced oscillator's spectrum draws the ω ladder of the free oscillation.
  expect(await traceNames(page, 'spectrum')).toContain('k·ω·Δt');
  // The lesson dialog offers this view's plots, the two of the link ticked.
  await page.getByTestId('lesson-open').click();
  for (const kind of CONTROL_PLOT_KINDS)
    await expect(page.getByTestId(`lesson-plot-${kind}`)).toBeChecked({
      checked: kind === 'spectrum' || kind === 'closedloop',
    });
  await page.getByTestId('lesson-plot-cost').check();
  await expect(page.getByTestId('lesson-url')).toHaveValue(/&plots=closedloop,cost,spectrum$/);
  await page.keyboard.press('Escape');
  // Export offers exactly the plots shown.
  await page.getByTestId('export-menu').click();
  await expect(page.locator('[data-testid^="export-png-"]')).toHaveCount(2);
  const png = await download(page, 'export-png-closedloop');
  expect(png.name).toMatch(/^srnn-forcedvdp-w100-seed\d+-closedloop\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(errors).toEqual([]);
});

test('plots= in the weather view: the list’s own plots only, another view’s names ignored', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  // closedloop belongs to the controlled view: the weather view shows its spectrum only.
  await open(page, `${WEATHER}&plots=spectrum,closedloop`);
  await expect(page.getByTestId('plot-spectrum')).toHaveAttribute('data-rendered', 'true', {
    timeout: 30_000,
  });
  expect(await plotOrder(page)).toEqual(['spectrum']);
  await expect(page.getByTestId('notice')).toHaveCount(0);
  // A list naming none of this view's plots shows all of them.
  await open(page, `${WEATHER}&plots=trajectory,closedloop`);
  for (const kind of SERIES_PLOT_KINDS)
    await expect(page.getByTestId(`plot-${kind}`)).toHaveAttribute('data-rendered', 'true', {
      timeout: 30_000,
    });
  expect(await plotOrder(page)).toEqual([...SERIES_PLOT_KINDS]);
  await expect(page.locator('figure.plot-cell figcaption')).toHaveCount(SERIES_PLOT_KINDS.length);
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/weather-captions.png' });
  expect(errors).toEqual([]);
});
