import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { collectErrors, runId, SERIES_PLOT_KINDS, waitForRun } from './helpers';

async function waitForSeriesPlots(page: Page): Promise<void> {
  for (const kind of SERIES_PLOT_KINDS) {
    await expect(page.getByTestId(`plot-${kind}`)).toHaveAttribute('data-rendered', 'true', {
      timeout: 30_000,
    });
  }
}

/** Plotly's layout of a plot container (the graph div's public `layout`). */
async function plotLayout(page: Page, kind: string): Promise<Record<string, unknown>> {
  return page
    .getByTestId(`plot-${kind}`)
    .locator('.js-plotly-plot')
    .evaluate((gd) => (gd as unknown as { layout: Record<string, unknown> }).layout);
}

const cell = (page: Page, name: string) => page.getByTestId(`metric-series-${name}`);

test('weather: trains from the shipped records and plots with date axes', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/?sys=weather');
  await waitForRun(page, 0, { timeout: 60_000 });
  await waitForSeriesPlots(page);
  // The data come from the app's own origin, nothing else is fetched.
  expect(requests.some((u) => u.endsWith('/data/weather.csv'))).toBe(true);
  const origin = new URL(page.url()).origin;
  expect(requests.every((u) => u.startsWith(`${origin}/`))).toBe(true);
  // RNN, persistence and climatology side by side, per variable and horizon (°C²).
  for (const method of ['rnn', 'persistence', 'climatology'])
    for (const h of [1, 7])
      await expect(cell(page, `${method}-h${h}-temp_max`)).toHaveAttribute('data-value', /^\d/);
  const v = async (name: string) => Number(await cell(page, name).getAttribute('data-value'));
  expect(await v('rnn-h1-temp_max')).toBeLessThan(await v('persistence-h1-temp_max'));
  await expect(page.getByTestId('series-head')).toContainText('train 2012–2014, test 2015');
  // Date axes on the forecast and error plots, spanning the test year.
  for (const kind of ['forecast', 'series-error']) {
    const layout = await plotLayout(page, kind);
    const xaxis = layout.xaxis as { type: string; range: string[] };
    expect(xaxis.type).toBe('date');
    expect(String(xaxis.range[0])).toMatch(/^2014-12|^2015-01/);
    expect(String(xaxis.range[1])).toMatch(/^2015-12|^2016-01/);
  }
  // The verdict is stated, whichever way it goes.
  await expect(page.getByTestId('series-verdicts')).toBeVisible();
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/weather.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('weather: city and variable controls retrain; the browser matches the CLI', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const query = 'v=2&sys=weather&city=new_york&vars=temp_max,precipitation&delay=5&seed=3';
  const cli = JSON.parse(
    execFileSync('npm', ['run', '--silent', 'srnn', '--', query], { encoding: 'utf8' }),
  ) as { metrics: { series: { rnn: number[][] } } };
  await page.goto('/?sys=weather');
  await waitForRun(page, 0, { timeout: 60_000 });
  await page.getByTestId('auto-train').uncheck();
  await page.getByTestId('field-city-new_york').check();
  await page.getByTestId('field-vars-precipitation').check();
  await page.getByTestId('field-vars-temp_min').uncheck();
  for (const [key, value] of [
    ['delay', '5'],
    ['seed', '3'],
  ]) {
    await page.getByTestId(`field-${key}`).fill(value);
    await page.getByTestId(`field-${key}`).press('Enter');
  }
  const id = await runId(page);
  await page.getByTestId('train').click();
  await waitForRun(page, id, { timeout: 60_000 });
  await expect(page).toHaveURL(/city=new_york/);
  await expect(page.getByTestId('series-head')).toContainText('New York');
  const rnn = cli.metrics.series.rnn;
  await expect(cell(page, 'rnn-h1-temp_max')).toHaveAttribute('data-value', String(rnn[0][0]));
  await expect(cell(page, 'rnn-h7-precipitation')).toHaveAttribute('data-value', String(rnn[1][1]));
});

test('weather: when the RNN loses to climatology a week ahead, the page says so', async ({
  page,
}) => {
  // Random features (the ablation) lose to climatology at 7 days in Seattle (16.6 vs 15.5 °C²).
  await page.goto('/?sys=weather&sampler=random');
  await waitForRun(page, 0, { timeout: 60_000 });
  const honesty = page.getByTestId('series-honesty');
  await expect(honesty).toContainText('7 days ahead the sampled RNN loses to climatology on');
  await expect(honesty).toContainText('temp_max');
  const rnn = Number(await cell(page, 'rnn-h7-temp_max').getAttribute('data-value'));
  const clim = Number(await cell(page, 'climatology-h7-temp_max').getAttribute('data-value'));
  expect(rnn).toBeGreaterThan(clim);
  await expect(page.getByTestId('warnings')).toContainText('loses to climatology');
});
