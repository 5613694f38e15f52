import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { collectErrors, CONTROL_PLOT_KINDS, download, runId, waitForRun } from './helpers';

/** Metric cells of a controlled run (names as in the CLI's `metrics.control`, plus fit-ms). */
const CONTROL_METRICS = [
  'predMse50',
  'predMse',
  'predMse50NoB',
  'predMseNoB',
  'ctrlMeanDist',
  'freeMeanDist',
  'ctrlRatio',
  'ctrlCost',
  'freeCost',
] as const;

const INPUT_KINDS = ['sine', 'step', 'chirp', 'steps'];

/** Training a controlled system takes a few seconds on a busy 2-core machine. */
const RUN_TIMEOUT = 60_000;

async function waitForControlPlots(page: Page): Promise<void> {
  for (const kind of CONTROL_PLOT_KINDS) {
    const box = page.getByTestId(`plot-${kind}`);
    await expect(box, kind).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
    await expect(box.locator('.main-svg').first(), kind).toBeAttached();
  }
}

async function openControlled(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await waitForRun(page, 0, { timeout: RUN_TIMEOUT });
  await waitForControlPlots(page);
}

interface TraceInfo {
  name: string;
  points: number;
  finite: number;
  shape: string | null;
  yaxis: string;
}

/** Per trace of a plot: its name, number of points, finite y values, line shape and y axis. */
async function traces(page: Page, kind: string): Promise<TraceInfo[]> {
  return page
    .getByTestId(`plot-${kind}`)
    .locator('.js-plotly-plot')
    .evaluate((gd) =>
      (
        (gd as unknown as { data: Array<Record<string, unknown>> }).data as Array<{
          name?: string;
          x?: unknown[];
          y?: unknown[];
          line?: { shape?: string };
          yaxis?: string;
        }>
      ).map((t) => ({
        name: t.name ?? '',
        points: t.x?.length ?? 0,
        finite: (t.y ?? []).filter((v) => typeof v === 'number' && Number.isFinite(v)).length,
        shape: t.line?.shape ?? null,
        yaxis: t.yaxis ?? 'y',
      })),
    );
}

async function plotTitle(page: Page, kind: string): Promise<string> {
  return page
    .getByTestId(`plot-${kind}`)
    .locator('.js-plotly-plot')
    .evaluate((gd) =>
      String((gd as unknown as { layout: { title: { text: string } } }).layout.title.text),
    );
}

async function metric(page: Page, name: string): Promise<number> {
  return Number(await page.getByTestId(`metric-${name}`).getAttribute('data-value'));
}

/** Every plot drew traces with data; every metric is a finite number; the input table is full. */
async function expectControlView(page: Page): Promise<void> {
  for (const kind of CONTROL_PLOT_KINDS) {
    const ts = await traces(page, kind);
    expect(ts.length, kind).toBeGreaterThan(0);
    // Every line and marker set has points (the spectrum's |λ| > 1 group may well be empty).
    for (const t of ts)
      if (kind !== 'spectrum') expect(t.points, `${kind}: ${t.name}`).toBeGreaterThan(0);
    expect(
      ts.reduce((s, t) => s + t.finite, 0),
      kind,
    ).toBeGreaterThan(10);
  }
  // Inputs are drawn as held (zero-order hold) steps, in their own bottom panel.
  for (const kind of ['prediction', 'closedloop']) {
    const input = (await traces(page, kind)).find((t) => t.name.startsWith('input'));
    expect(input?.shape, kind).toBe('hv');
    expect(input?.yaxis, kind).toBe('y3');
  }
  for (const name of CONTROL_METRICS)
    expect(Number.isFinite(await metric(page, name)), name).toBe(true);
  expect(await metric(page, 'fit-ms')).toBeGreaterThan(0);
  const rows = page.getByTestId('input-table').locator('tbody tr');
  await expect(rows).toHaveCount(INPUT_KINDS.length);
  for (const kind of INPUT_KINDS)
    await expect(page.getByTestId(`input-row-${kind}`)).toHaveCount(1);
  await expect(page.getByTestId('input-table').locator('tr[data-chosen="true"]')).toHaveCount(1);
  await expect(page.getByTestId('task-note')).not.toBeEmpty();
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/control-${name}.png` });
}

test('forcedvdp: trains on load, draws every control plot, metrics and the input table', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openControlled(page, 'sys=forcedvdp');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done');
  await expectControlView(page);
  // The chosen (default) signal is the highlighted row, and its cells are the headline metrics.
  await expect(page.getByTestId('input-row-sine')).toHaveAttribute('data-chosen', 'true');
  expect(await plotTitle(page, 'prediction')).toContain('sine');
  // B matters: ignoring the input makes the short-horizon prediction clearly worse.
  expect(await metric(page, 'predMse50NoB')).toBeGreaterThan(await metric(page, 'predMse50'));
  // The controller's settings have their own group, titled "Controller".
  await expect(page.getByTestId('group-control').locator('legend')).toHaveText('Controller');
  await page.getByTestId('advanced-toggle').click(); // mpch, ur, x0, y0, ctime are advanced
  for (const key of ['umax', 'mpch', 'ur', 'x0', 'y0', 'ctime'])
    await expect(page.getByTestId(`field-${key}`)).toBeVisible();
  await screenshot(page, 'forcedvdp');
  await page.setViewportSize({ width: 1024, height: 768 });
  await waitForControlPlots(page);
  await screenshot(page, 'forcedvdp-1024');
  // The goal point's coordinates are offered only when the goal is a point.
  await expect(page.getByTestId('field-gx')).toHaveCount(0);
  await page.getByTestId('auto-train').uncheck();
  await page.getByTestId('field-goal-point').check();
  await expect(page.getByTestId('field-gx')).toBeVisible();
  await expect(page.getByTestId('field-gy')).toBeVisible();
  expect(errors).toEqual([]);
});

test('forcedvdp: the closed loop holds the state near the origin (≤ 10 % of the free run)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openControlled(page, 'sys=forcedvdp');
  // Issue 6: over t ∈ [10, 30] the controlled mean ‖x‖ is at most 10 % of the uncontrolled one.
  const ratio = await metric(page, 'ctrlRatio');
  expect(ratio).toBeLessThanOrEqual(0.1);
  expect(ratio).toBeCloseTo(
    (await metric(page, 'ctrlMeanDist')) / (await metric(page, 'freeMeanDist')),
    12,
  );
  expect(await metric(page, 'ctrlCost')).toBeLessThan(await metric(page, 'freeCost'));
});

test('forcedvdp: another test input retrains, redraws the prediction and matches the CLI', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openControlled(page, 'sys=forcedvdp');
  const inputBefore = (await traces(page, 'prediction')).find((t) => t.name.startsWith('input'));
  const uBefore = await page
    .getByTestId('plot-prediction')
    .locator('.js-plotly-plot')
    .evaluate((gd) => {
      const data = (gd as unknown as { data: Array<{ name: string; y: number[] }> }).data;
      return data.find((t) => t.name.startsWith('input'))!.y.slice(0, 40);
    });
  await page.getByTestId('auto-train').uncheck();
  await page.getByTestId('field-uin-chirp').check();
  const id = await runId(page);
  await page.getByTestId('train').click();
  await waitForRun(page, id, { timeout: RUN_TIMEOUT });
  await waitForControlPlots(page);
  await expect(page).toHaveURL(/[?&]uin=chirp(&|$)/);
  await expect(page.getByTestId('input-row-chirp')).toHaveAttribute('data-chosen', 'true');
  await expect(page.getByTestId('input-row-sine')).toHaveAttribute('data-chosen', 'false');
  await expect.poll(() => plotTitle(page, 'prediction')).toContain('chirp');
  const uAfter = await page
    .getByTestId('plot-prediction')
    .locator('.js-plotly-plot')
    .evaluate((gd) => {
      const data = (gd as unknown as { data: Array<{ name: string; y: number[] }> }).data;
      return data.find((t) => t.name.startsWith('input'))!.y.slice(0, 40);
    });
  expect(inputBefore?.points).toBeGreaterThan(0);
  expect(uAfter).not.toEqual(uBefore);
  // The page's numbers are the CLI's for the same query (the same value as text).
  const query = new URL(page.url()).search.slice(1);
  const cli = JSON.parse(
    execFileSync('npm', ['run', '--silent', 'srnn', '--', query], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }),
  ) as { metrics: { control: Record<string, number | null> } };
  for (const name of CONTROL_METRICS)
    await expect(page.getByTestId(`metric-${name}`), name).toHaveAttribute(
      'data-value',
      String(cli.metrics.control[name]),
    );
  expect(errors).toEqual([]);
});

test('bad controller settings are refused in place; a link with them is clamped with notices', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openControlled(page, 'sys=forcedvdp');
  const id = await runId(page);
  const ratio = await page.getByTestId('metric-ctrlRatio').getAttribute('data-value');
  const url = page.url();
  await page.getByTestId('advanced-toggle').click(); // mpch is an advanced setting

  for (const [key, range] of [
    ['umax', 'a number in [0.01, 10]'],
    ['mpch', 'an integer in [1, 200]'],
  ]) {
    const box = page.getByTestId(`field-${key}`);
    await box.fill('0');
    await box.press('Enter');
    const error = page.getByTestId(`error-${key}`);
    await expect(error).toBeVisible();
    await expect(error).toContainText(`${key} must be ${range}, got '0'`);
    await expect(error).toContainText('Keeping');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
  }
  // Nothing ran and nothing changed: same run, same numbers, same address (after the debounces).
  await page.waitForTimeout(1000);
  expect(await runId(page)).toBe(id);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('metric-ctrlRatio')).toHaveAttribute('data-value', ratio!);
  expect(page.url()).toBe(url);
  // Escape drops the bad draft and shows the kept value again.
  await page.getByTestId('field-umax').press('Escape');
  await expect(page.getByTestId('error-umax')).toHaveCount(0);
  await expect(page.getByTestId('field-umax')).toHaveValue('1');

  // The same values in a link: clamped to the nearest allowed value, each change announced.
  await page.goto('/?sys=forcedvdp&umax=0&mpch=0');
  const notices = page.getByTestId('notice');
  await expect(notices).toHaveCount(2);
  await expect(page.locator('[data-testid="notice"][data-key="umax"]')).toContainText(
    "umax must be a number in [0.01, 10], got '0'; clamped to 0.01",
  );
  await expect(page.locator('[data-testid="notice"][data-key="mpch"]')).toContainText(
    "mpch must be an integer in [1, 200], got '0'; clamped to 1",
  );
  await waitForRun(page, 0, { timeout: RUN_TIMEOUT });
  await waitForControlPlots(page);
  await expect(page).toHaveURL(/[?&]umax=0\.01(&|$)/);
  await expect(page).toHaveURL(/[?&]mpch=1(&|$)/);
  await expect(page.getByTestId('field-umax')).toHaveValue('0.01');
  expect(errors).toEqual([]);
});

test('duffing: trains and draws; switching to an uncontrolled system brings the usual view back', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openControlled(page, 'sys=duffing');
  await expectControlView(page);
  // Balancing on the hilltop: as for the oscillator, far closer to the goal than the free run.
  expect(await metric(page, 'ctrlRatio')).toBeLessThanOrEqual(0.1);
  await screenshot(page, 'duffing');
  await page.setViewportSize({ width: 1024, height: 768 });
  await waitForControlPlots(page);
  await screenshot(page, 'duffing-1024');

  await page.setViewportSize({ width: 1280, height: 720 });
  const id = await runId(page);
  await page.getByTestId('field-sys-vanderpol').check();
  await waitForRun(page, id, { timeout: RUN_TIMEOUT });
  await expect(page.getByTestId('plot-trajectory')).toHaveAttribute('data-rendered', 'true');
  await expect(page.getByTestId('plot-closedloop')).toHaveCount(0);
  await expect(page.getByTestId('group-control')).toHaveCount(0);
  await expect(page.getByTestId('field-uin')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('exports: the closed loop and the predictions (with u and B = 0) download as CSV with the CLI’s numbers', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const query = 'v=2&sys=forcedvdp&ntraj=40&len=100&ntest=3&horizon=80&ctime=12';
  await openControlled(page, query);
  const full = JSON.parse(
    execFileSync('npm', ['run', '--silent', 'srnn', '--', query, '--full'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }),
  ) as {
    control: {
      closedLoop: { x: number[][]; free: number[][]; u: number[][] };
      prediction: { u: number[][] };
    };
  };

  const loop = (await download(page, 'export-closedloop-csv')).bytes.toString('utf8');
  const rows = loop
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
  expect(rows[0]).toEqual([
    'step',
    't [time]',
    'x_controlled [1]',
    'y_controlled [1]',
    'x_uncontrolled [1]',
    'y_uncontrolled [1]',
    'u [u]',
    'stage_cost_controlled [1]',
    'stage_cost_uncontrolled [1]',
  ]);
  expect(rows).toHaveLength(1 + 121); // steps 0 … 120
  for (const k of [0, 37, 119]) {
    expect(Number(rows[1 + k][2])).toBe(full.control.closedLoop.x[k][0]);
    expect(Number(rows[1 + k][5])).toBe(full.control.closedLoop.free[k][1]);
    expect(Number(rows[1 + k][6])).toBe(full.control.closedLoop.u[k][0]);
  }
  expect(rows[121][6]).toBe(''); // no input after the last state

  const csv = (await download(page, 'export-csv')).bytes.toString('utf8');
  const lines = csv
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
  expect(lines[0].slice(-3)).toEqual(['u [u]', 'x_rnn_B0 [1]', 'y_rnn_B0 [1]']);
  expect(lines).toHaveLength(1 + 3 * 81);
  expect(Number(lines[1 + 10][11])).toBe(full.control.prediction.u[10][0]);
  expect(errors).toEqual([]);
});
