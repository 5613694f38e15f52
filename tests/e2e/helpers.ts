// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose plot registry the tests read
/// <reference path="../../src/ui/plots/plotly.d.ts" />
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Family } from '../../src/run/registry';
import { plotIds } from '../../src/ui/plots/registry';

/** Metric cells compared with the CLI (names as in its JSON `metrics`). */
export const METRIC_NAMES = [
  'trainMse',
  'testMse',
  'rolloutMse',
  'rolloutMseRelift',
  'rolloutMseLinear',
  'vpt',
  'vptLyapunov',
  'spectralRadius',
  'unstableEigenvalues',
];

/** The plots of each view, from the plot registry (page containers `plot-<id>`). */
export const PLOT_KINDS = plotIds('free');
export const CONTROL_PLOT_KINDS = plotIds('controlled');
export const SERIES_PLOT_KINDS = plotIds('series');

/** Collects console errors and uncaught page errors for the test to assert on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** The id of the latest run started (the status element's data-run). */
export async function runId(page: Page): Promise<number> {
  return Number(await page.getByTestId('status').getAttribute('data-run'));
}

/**
 * Waits until a run newer than `after` has finished in `state` (default done). Waiting for a
 * *newer* run matters: the status already says "done" from the previous one.
 */
export async function waitForRun(
  page: Page,
  after: number,
  { state = 'done', timeout = 30_000 }: { state?: string | RegExp; timeout?: number } = {},
): Promise<void> {
  const status = page.getByTestId('status');
  await expect
    .poll(async () => Number(await status.getAttribute('data-run')), { timeout })
    .toBeGreaterThan(after);
  await expect(status).toHaveAttribute('data-state', state, { timeout });
}

/** Opens the app (which runs once on load) and waits for that first run and its plots. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query ? `?${query}` : ''}`);
  await waitForRun(page, 0);
  await waitForPlots(page);
}

/** Waits until every plot of a view (default: the free systems') has drawn. */
export async function waitForPlots(
  page: Page,
  timeout = 30_000,
  family: Family = 'free',
): Promise<void> {
  for (const kind of plotIds(family)) {
    await expect(page.getByTestId(`plot-${kind}`)).toHaveAttribute('data-rendered', 'true', {
      timeout,
    });
  }
}

/** Metric cells as {name: data-value}. */
export async function metricValues(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-testid^="metric-"]', (els) =>
    Object.fromEntries(
      els.map((el) => [
        el.getAttribute('data-testid')!.slice('metric-'.length),
        el.getAttribute('data-value')!,
      ]),
    ),
  );
}

/** Plotly's trace types drawn in a plot container (reads the graph div's public `data`). */
export async function traceTypes(page: Page, kind: string): Promise<string[]> {
  return page
    .getByTestId(`plot-${kind}`)
    .locator('.js-plotly-plot')
    .evaluate((gd) =>
      ((gd as unknown as { data?: Array<{ type?: string }> }).data ?? []).map(
        (t) => t.type ?? 'scatter',
      ),
    );
}

/** Clicks an export-menu item and returns the downloaded file's name and bytes. */
export async function download(
  page: Page,
  testid: string,
): Promise<{ name: string; bytes: Buffer }> {
  if (!(await page.getByTestId(testid).isVisible())) await page.getByTestId('export-menu').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}
