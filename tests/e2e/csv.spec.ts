import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { collectErrors, metricValues, runId, waitForRun } from './helpers';

const FIXTURE = 'tests/fixtures/oscillation.csv';
const PLOTS = ['forecast', 'series-error', 'skill', 'spectrum'];

async function upload(page: Page, file: string | { name: string; buffer: Buffer }) {
  const files =
    typeof file === 'string'
      ? file
      : { name: file.name, mimeType: 'text/csv', buffer: file.buffer };
  await page.getByTestId('csv-file').setInputFiles(files);
}

async function uploadFixture(page: Page): Promise<void> {
  const before = await runId(page);
  await upload(page, FIXTURE);
  await waitForRun(page, before);
  for (const kind of PLOTS)
    await expect(page.getByTestId(`plot-${kind}`)).toHaveAttribute('data-rendered', 'true');
}

test('a CSV file uploads, trains and plots on date axes; the link asks for the file again', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await page.goto('/?sys=csv');
  // No file yet: nothing to run, and the page says what to do.
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('csv-panel')).toBeVisible();
  await uploadFixture(page);
  await expect(page.getByTestId('csv-loaded')).toContainText('oscillation.csv: 500 rows');
  await expect(page).toHaveURL(/sys=csv&file=oscillation\.csv/);
  const layout = await page
    .getByTestId('plot-forecast')
    .locator('.js-plotly-plot')
    .evaluate((gd) => (gd as unknown as { layout: { xaxis: { type: string } } }).layout);
  expect(layout.xaxis.type).toBe('date');
  await expect(page.getByTestId('field-cols-x')).toBeChecked();
  const values = await metricValues(page);
  expect(Number(values['series-rnn-h1-x'])).toBeLessThan(Number(values['series-persistence-h1-x']));

  // Opening the link: it says it was made from a local file and asks for it again.
  const link = page.url();
  const fresh = await page.context().newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('csv-needs-file')).toContainText(
    "This run reads a local CSV file 'oscillation.csv', which never leaves your browser",
  );
  await expect(fresh.getByTestId('status')).toHaveAttribute('data-state', 'error');
  await uploadFixture(fresh);
  expect(await metricValues(fresh)).toEqual({ ...values, 'fit-ms': expect.any(String) });
  // Away and back: the loaded file is used again and named in the link.
  let id = await runId(fresh);
  await fresh.getByTestId('field-sys-vanderpol').check();
  await waitForRun(fresh, id);
  id = await runId(fresh);
  await fresh.getByTestId('field-sys-csv').check();
  await waitForRun(fresh, id);
  await expect(fresh).toHaveURL(/sys=csv&file=oscillation\.csv/);
  await expect(fresh.getByTestId('metric-series-rnn-h1-x')).toHaveAttribute(
    'data-value',
    values['series-rnn-h1-x'],
  );
  expect(errors).toEqual([]);
});

const BAD: Array<[string, string | RegExp]> = [
  ['empty.csv', 'empty.csv: The file is empty.'],
  [
    'no-header.csv',
    'no-header.csv: No header row: line 1 holds numbers (1.5,2); the first line must name the columns, e.g. "date,x,y".',
  ],
  ['non-numeric.csv', "non-numeric.csv: Line 7 (data row 6), column 3 'y': 'abc' is not a number."],
  ['ragged.csv', 'ragged.csv: Ragged rows: line 5 has 2 fields, but the header has 3.'],
  [
    'short.csv',
    'short.csv: Too few rows for delay 4 and horizon 10: 20 data rows with split 0.7 give 14 training rows (need at least delay + 10 = 14) and 6 test forecasts (need at least 10).',
  ],
];

test('each malformed file shows its exact message and the previous result stays', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/?sys=csv');
  await uploadFixture(page);
  const before = await metricValues(page);
  const url = page.url();
  const id = await runId(page);
  const cases = [
    ...BAD.map(([name, msg]) => ({ file: `tests/fixtures/bad/${name}`, msg })),
    {
      file: { name: 'huge.csv', buffer: Buffer.alloc(10_000_001, 'x') },
      msg: 'huge.csv: The file is 10.0 MB, over the 10 MB limit for files read in the browser.',
    },
  ];
  for (const { file, msg } of cases) {
    await upload(page, file);
    await expect(page.getByTestId('csv-error')).toContainText(msg);
    await expect(page.getByTestId('csv-error')).toContainText('Still using oscillation.csv.');
    // Nothing else changed: same file, same settings and address, same numbers, no new run.
    await expect(page.getByTestId('csv-loaded')).toHaveAttribute('data-name', 'oscillation.csv');
    expect(page.url()).toBe(url);
    expect(await runId(page)).toBe(id);
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'done');
    expect(await metricValues(page)).toEqual(before);
  }
});

test('the CLI with --data gives the same metrics as the browser upload', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?sys=csv&delay=6&horizon=8&split=0.6&seed=5&sampler=random');
  await uploadFixture(page);
  const query = new URL(page.url()).search.slice(1);
  const stdout = execFileSync('npm', ['run', '--silent', 'srnn', '--', query, '--data', FIXTURE], {
    encoding: 'utf8',
  });
  const cli = JSON.parse(stdout) as {
    query: string;
    metrics: Record<string, number> & {
      series: Record<string, number[][]> & { variables: string[]; horizons: number[] };
    };
  };
  expect(cli.query).toBe(query);
  const browser = await metricValues(page);
  for (const name of ['testMse', 'trainMse', 'rolloutMse'])
    expect(browser[name], name).toBe(String(cli.metrics[name]));
  const s = cli.metrics.series;
  for (const method of ['rnn', 'persistence', 'climatology'])
    s.horizons.forEach((h, k) =>
      s.variables.forEach((v, i) =>
        expect(browser[`series-${method}-h${h}-${v}`], `${method} ${h} ${v}`).toBe(
          String(s[method][k][i]),
        ),
      ),
    );
});
