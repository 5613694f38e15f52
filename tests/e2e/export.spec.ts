import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import {
  collectErrors,
  download,
  metricValues,
  openApp,
  PLOT_KINDS,
  runId,
  waitForPlots,
  waitForRun,
} from './helpers';

const FAST = 'v=2&sys=vanderpol&ntraj=20&len=100&width=80&seed=11&horizon=100';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A CSV line split on commas (the export quotes nothing in its data rows). */
const cells = (line: string) => line.split(',');

test('test data and forecasts download as CSV with a time column and units', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openApp(page, FAST);
  const { name, bytes } = await download(page, 'export-csv');
  expect(name).toBe('srnn-vanderpol-w80-seed11-test.csv');
  const lines = bytes.toString('utf8').trimEnd().split('\n');
  expect(cells(lines[0])).toEqual([
    'test',
    'step',
    't [time]',
    'x_true [1]',
    'y_true [1]',
    'x_rnn [1]',
    'y_rnn [1]',
    'x_linear [1]',
    'y_linear [1]',
    'error_rnn [1]',
    'error_linear [1]',
  ]);
  // 20 test starts × 101 steps; every cell a number.
  expect(lines).toHaveLength(1 + 20 * 101);
  // (One assertion over all rows: an expect per cell costs Playwright a step each.)
  const bad = lines.slice(1).filter((line) => {
    const row = cells(line);
    return (
      row.length !== 11 || row.some((c) => c === '' || (Number.isNaN(Number(c)) && c !== 'NaN'))
    );
  });
  expect(bad).toEqual([]);
  expect(cells(lines[1]).slice(0, 3)).toEqual(['0', '0', '0']);
  expect(cells(lines[102]).slice(0, 3)).toEqual(['1', '0', '0']);
  expect(cells(lines[101]).slice(0, 3)).toEqual(['0', '100', '10']);

  // The same numbers as the CLI's --full JSON: truth and both forecasts, test 3, step 57.
  const full = JSON.parse(
    execFileSync('npm', ['run', '--silent', 'srnn', '--', FAST, '--full'], {
      encoding: 'utf8',
      maxBuffer: 256 << 20,
    }),
  ) as { test: Record<'truth' | 'relift' | 'linear', number[][][]> };
  const row = cells(lines[1 + 3 * 101 + 57]);
  expect(row.slice(0, 3)).toEqual(['3', '57', '5.7']);
  expect(row.slice(3, 9).map(Number)).toEqual([
    ...full.test.truth[3][57],
    ...full.test.relift[3][57],
    ...full.test.linear[3][57],
  ]);
  expect(errors).toEqual([]);
});

test('the model exports as JSON, and imported in a fresh page shows the same run without training', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openApp(page, FAST);
  const shown = await metricValues(page);
  const { name, bytes } = await download(page, 'export-json');
  expect(name).toBe('srnn-vanderpol-w80-seed11-model.json');
  const doc = JSON.parse(bytes.toString('utf8'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  expect(doc.format).toBe('sampled-rnn-lab/model');
  expect(doc.appVersion).toBe(pkg.version);
  expect(doc.seed).toBe(11);
  expect(doc.query).toBe(FAST);
  expect(doc.config.width).toBe(80);
  const m = 81;
  const r = doc.spectrumRank as number;
  expect(doc.model.W).toHaveLength(80 * 2);
  expect(doc.model.b).toHaveLength(80);
  expect(doc.model.K).toHaveLength(r * r);
  expect(doc.arrays['model.K'].shape).toEqual([r, r]);
  expect(doc.model.C).toHaveLength(2 * m);
  expect(doc.eigenvalues.re).toHaveLength(r);
  for (const key of ['testMse', 'trainMse', 'rolloutMse', 'vpt', 'spectralRadius'])
    expect(String(doc.metrics[key]), key).toBe(shown[key]);

  // A fresh page on another run; importing the file brings back this one.
  const fresh = await context.newPage();
  const freshErrors = collectErrors(fresh);
  await openApp(fresh, 'sys=lorenz&width=60&len=500&ntest=4&horizon=100');
  const spectrumBefore = await spectrumTraces(page);
  const id = await runId(fresh);
  const states: string[] = [];
  await fresh.exposeFunction('recordState', (s: string) => states.push(s));
  await fresh.evaluate(() => {
    const el = document.querySelector('[data-testid="status"]')!;
    new MutationObserver(() =>
      (window as unknown as { recordState: (s: string) => void }).recordState(
        el.getAttribute('data-state')!,
      ),
    ).observe(el, { attributes: true });
  });
  await fresh.getByTestId('export-menu').click();
  await fresh.getByTestId('import-json').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: bytes,
  });
  await waitForRun(fresh, id);
  await waitForPlots(fresh);
  // No training: the status never went to running, and it says where the result came from.
  expect(states).not.toContain('running');
  await expect(fresh.getByTestId('status')).toContainText(`Loaded from ${name} without training`);
  // Identical metrics (fit time included: it is the file's) and eigenvalues.
  expect(await metricValues(fresh)).toEqual(shown);
  expect(await spectrumTraces(fresh)).toEqual(spectrumBefore);
  // The page now shows that run's settings, and its address reproduces it.
  await expect(fresh.getByTestId('field-sys')).toHaveAttribute('data-value', 'vanderpol');
  await expect(fresh.getByTestId('field-width')).toHaveValue('80');
  await expect(fresh).toHaveURL(new RegExp(`\\?${FAST}$`));
  // Exported again, the numbers are the same bit for bit.
  const again = JSON.parse((await download(fresh, 'export-json')).bytes.toString('utf8'));
  expect(again.eigenvalues).toEqual(doc.eigenvalues);
  expect(again.metrics).toEqual(doc.metrics);
  expect(again.model).toEqual(doc.model);
  // Auto-train does not quietly retrain the imported run.
  await fresh.waitForTimeout(800);
  expect(states).not.toContain('running');
  expect(errors).toEqual([]);
  expect(freshErrors).toEqual([]);
});

/** The eigenvalue markers of the spectrum plot (x = Re λ, y = Im λ of every marker trace). */
async function spectrumTraces(page: Page): Promise<unknown> {
  return page
    .getByTestId('plot-spectrum')
    .locator('.js-plotly-plot')
    .evaluate((gd) =>
      ((gd as unknown as { data: Array<{ mode?: string; x?: number[]; y?: number[] }> }).data ?? [])
        .filter((t) => t.mode === 'markers')
        .map((t) => ({ x: Array.from(t.x ?? []), y: Array.from(t.y ?? []) })),
    );
}

test('a bad model file is refused with a clear message and the page keeps its run', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openApp(page, FAST);
  const before = await metricValues(page);
  await page.getByTestId('export-menu').click();
  await page.getByTestId('import-json').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"title": "not a model"}'),
  });
  const notice = page.locator('[data-testid="notice"][data-key="import"]');
  await expect(notice).toContainText('Import failed: notes.json: not a Sampled RNN Lab model file');
  // The menu stays open after a failed import: pick another file from it.
  await page.getByTestId('import-json').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "sampled-rnn-lab/mod'),
  });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('broken.json: the file is not JSON');
  expect(await metricValues(page)).toEqual(before);
  expect(errors).toEqual([]);
});

test('each plot exports as a valid PNG and as SVG (3-D phase portrait included)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openApp(page, 'sys=lorenz&width=60&len=500&ntest=4&horizon=100&seed=2');
  await page.getByTestId('export-menu').click();
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/export-menu.png' });
  for (const kind of PLOT_KINDS) {
    const png = await download(page, `export-png-${kind}`);
    expect(png.name).toBe(`srnn-lorenz-w60-seed2-${kind}.png`);
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // IHDR: width and height at bytes 16–23, twice the plot's size on screen (scale 2).
    const w = png.bytes.readUInt32BE(16);
    const h = png.bytes.readUInt32BE(20);
    expect(w).toBeGreaterThanOrEqual(640);
    expect(h).toBeGreaterThanOrEqual(480);
    const svg = await download(page, `export-svg-${kind}`);
    expect(svg.name).toBe(`srnn-lorenz-w60-seed2-${kind}.svg`);
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.trimEnd().endsWith('</svg>')).toBe(true);
  }
  expect(errors).toEqual([]);
});

test('a weather run exports its own plots, and its model imports with the same series metrics', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.goto('/?sys=weather&width=60');
  await waitForRun(page, 0, { timeout: 60_000 });
  await expect(page.getByTestId('plot-forecast')).toHaveAttribute('data-rendered', 'true', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('plot-skill')).toHaveAttribute('data-rendered', 'true');
  const shown = await metricValues(page);
  expect(Object.keys(shown).some((k) => k.startsWith('series-'))).toBe(true);
  // The menu offers the plots this view draws.
  const png = await download(page, 'export-png-forecast');
  expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const csv = (await download(page, 'export-csv')).bytes.toString('utf8');
  expect(csv.split('\n')[0]).toMatch(/^test,step,t \[day\],temp_max_true \[°C\],/);
  const json = await download(page, 'export-json');

  const fresh = await context.newPage();
  await openApp(fresh, 'sys=vanderpol&width=40&ntraj=10&len=50&horizon=50');
  const id = await runId(fresh);
  await fresh.getByTestId('export-menu').click();
  await fresh.getByTestId('import-json').setInputFiles({
    name: json.name,
    mimeType: 'application/json',
    buffer: json.bytes,
  });
  await waitForRun(fresh, id);
  await expect(fresh.getByTestId('plot-forecast')).toHaveAttribute('data-rendered', 'true');
  expect(await metricValues(fresh)).toEqual(shown);
  await expect(fresh).toHaveURL(/\?v=2&sys=weather&width=60$/);
  expect(errors).toEqual([]);
});
