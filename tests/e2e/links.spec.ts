import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { FIELDS, fieldApplies } from '../../src/run/schema';
import {
  collectErrors,
  metricValues,
  openApp,
  runId,
  waitForPlots,
  waitForRun,
  METRIC_NAMES,
} from './helpers';

/** Small enough to train in well under a second on an idle machine. */
const FAST = 'sys=vanderpol&width=80&ntraj=20&len=100&horizon=100';

/**
 * Every control group away from its defaults: system (and all three Lorenz parameters), data,
 * model and forecast; written in canonical order, so it is also what the page must show as address.
 */
const EVERY_GROUP =
  'v=2&sys=lorenz&sigma=11&rho=30&beta=2.5&dt=0.02&ntraj=3&len=800&noise=0.01&ntest=6' +
  '&width=150&sampler=random&act=relu&reg=1e-7&seed=9&rank=60&rollout=linear&horizon=250&eps=0.5';

interface Cli {
  query: string;
  metrics: Record<string, unknown>;
  /** The exact text of a metric's number in the CLI's stdout (not a re-serialisation). */
  raw: (name: string) => string | undefined;
}

function cli(query: string): Cli {
  const stdout = execFileSync('npm', ['run', '--silent', 'srnn', '--', query], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const doc = JSON.parse(stdout) as { metrics: Record<string, unknown>; query: string };
  const metricsText = stdout.slice(stdout.indexOf('"metrics":'));
  return {
    ...doc,
    raw: (name) => new RegExp(`"${name}":([^,}\\]]+)`).exec(metricsText)?.[1],
  };
}

/** The page's metric cells equal the CLI's numbers, byte for byte. */
async function expectCliMetrics(page: Page, c: Cli): Promise<void> {
  for (const name of METRIC_NAMES) {
    const cell = page.getByTestId(`metric-${name}`);
    if (c.metrics[name] === null) await expect(cell, name).toHaveCount(0);
    else await expect(cell, name).toHaveAttribute('data-value', c.raw(name)!);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const historyLength = (page: Page) => page.evaluate(() => history.length);
const withoutTiming = (m: Record<string, string>) => {
  const { ['fit-ms']: _, ...rest } = m;
  return rest;
};

test('a link with every control group changed restores each control and matches the CLI', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const expected = cli(EVERY_GROUP);
  expect(expected.query).toBe(EVERY_GROUP);
  await openApp(page, EVERY_GROUP);
  await expect(page).toHaveURL(new RegExp(`\\?${escape(EVERY_GROUP)}$`));
  for (const pair of EVERY_GROUP.split('&')) {
    const [key, value] = pair.split('=');
    if (key === 'v') continue;
    const field = page.getByTestId(`field-${key}`);
    if (['sys', 'sampler', 'act', 'rollout'].includes(key))
      await expect(field, key).toHaveAttribute('data-value', value);
    else await expect(field, key).toHaveValue(value);
  }
  await expectCliMetrics(page, expected);
  expect(errors).toEqual([]);
});

test('moving controls rewrites the address in place; Train adds a history entry; Back and Forward restore runs', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openApp(page, FAST);
  const length0 = await historyLength(page);

  // A typed value and a slider drag (auto-train on): the address follows, one entry per run.
  const width = page.getByTestId('field-width');
  let id = await runId(page);
  await width.fill('120');
  await width.press('Enter');
  await waitForRun(page, id);
  await expect(page).toHaveURL(/width=120/);
  id = await runId(page);
  await page.getByTestId('slider-noise').fill('40');
  await waitForRun(page, id);
  await expect(page).toHaveURL(/noise=/);
  expect(await historyLength(page)).toBe(length0 + 2);
  const firstUrl = page.url();
  await waitForPlots(page);
  const first = await metricValues(page);

  // Auto-train off: two settings changed, then one run started with Train → one entry.
  await page.getByTestId('auto-train').uncheck();
  await page.getByTestId('field-seed').fill('77');
  await page.getByTestId('field-seed').press('Enter');
  await page.getByTestId('field-act-relu').check();
  await expect(page).toHaveURL(/seed=77/);
  expect(await historyLength(page)).toBe(length0 + 2);
  id = await runId(page);
  await page.getByTestId('train').click();
  await waitForRun(page, id);
  expect(await historyLength(page)).toBe(length0 + 3);
  const secondUrl = page.url();
  expect(secondUrl).toMatch(/act=relu&seed=77/);
  const second = await metricValues(page);
  expect(second.testMse).not.toBe(first.testMse);

  // Train again with nothing changed: still the same entry.
  id = await runId(page);
  await page.getByTestId('train').click();
  await waitForRun(page, id);
  expect(await historyLength(page)).toBe(length0 + 3);

  // Back: the first run's address, controls and numbers.
  id = await runId(page);
  await page.goBack();
  await waitForRun(page, id);
  expect(page.url()).toBe(firstUrl);
  await expect(page.getByTestId('field-seed')).toHaveValue('1');
  await expect(page.getByTestId('field-act')).toHaveAttribute('data-value', 'tanh');
  await expect(page.getByTestId('field-width')).toHaveValue('120');
  expect(withoutTiming(await metricValues(page))).toEqual(withoutTiming(first));
  await waitForPlots(page);

  // Forward: the second run again.
  id = await runId(page);
  await page.goForward();
  await waitForRun(page, id);
  expect(page.url()).toBe(secondUrl);
  await expect(page.getByTestId('field-seed')).toHaveValue('77');
  expect(withoutTiming(await metricValues(page))).toEqual(withoutTiming(second));
  expect(errors).toEqual([]);
});

test('reload gives identical metrics', async ({ page }) => {
  await openApp(page, `${FAST}&seed=5&noise=0.02`);
  const before = await metricValues(page);
  await page.reload();
  await waitForRun(page, 0);
  await waitForPlots(page);
  expect(withoutTiming(await metricValues(page))).toEqual(withoutTiming(before));
});

test('copy link puts the canonical link on the clipboard', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = collectErrors(page);
  // Not canonical: no v, keys out of order, a default value spelled out, an unknown key.
  await openApp(page, 'seed=5&width=120&ntraj=20&sys=vanderpol&mu=1&len=100&bogus=1');
  const canonical = cli('seed=5&width=120&ntraj=20&sys=vanderpol&mu=1&len=100').query;
  expect(canonical).toBe('v=2&sys=vanderpol&ntraj=20&len=100&width=120&seed=5');
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toContainText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${baseURL}/?${canonical}`);
  expect(errors).toEqual([]);
});

test('a lesson link hides the named controls and panels; hidden values still come from it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const run = `${FAST}&sampler=random&reg=1e-6&rollout=linear`;
  const lesson = `${run}&hide=sampler,reg,forecast,run&plots=error,trajectory&note=${encodeURIComponent(
    'Watch the linear forecast drift.',
  )}`;
  const expected = cli(run);
  await page.goto(`/?${lesson}`);
  await waitForRun(page, 0);
  // Hidden: two controls, a whole group, the Train/Cancel buttons, two plots.
  for (const id of ['field-sampler', 'field-reg', 'group-forecast', 'field-rollout', 'train'])
    await expect(page.getByTestId(id), id).toHaveCount(0);
  await expect(page.getByTestId('plot-phase')).toHaveCount(0);
  await expect(page.getByTestId('plot-spectrum')).toHaveCount(0);
  // Shown: everything else, the two plots in the link's order, the note.
  await expect(page.getByTestId('field-width')).toHaveValue('80');
  await expect(page.getByTestId('field-act')).toBeVisible();
  for (const kind of ['error', 'trajectory'])
    await expect(page.getByTestId(`plot-${kind}`)).toHaveAttribute('data-rendered', 'true');
  const order = await page
    .locator('[data-testid^="plot-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(order).toEqual(['plot-error', 'plot-trajectory']);
  await expect(page.getByTestId('note')).toHaveText('Watch the linear forecast drift.');
  // The hidden settings ran with the link's values: the CLI's numbers for the same run.
  await expectCliMetrics(page, expected);
  // The address keeps both the run and the lesson keys.
  await expect(page).toHaveURL(
    new RegExp(
      `\\?${escape(expected.query)}&hide=sampler,reg,forecast,run&plots=error,trajectory&note=`,
    ),
  );
  // The sidebar says what is fixed and can show it for this visit.
  // sampler, reg and every field of the forecast group that applies to van der Pol.
  const forecastFields = FIELDS.filter(
    (f) => f.group === 'forecast' && fieldApplies(f, 'vanderpol'),
  ).length;
  await expect(page.getByTestId('hidden-note')).toHaveAttribute(
    'data-count',
    String(2 + forecastFields),
  );
  await page.getByTestId('reveal-hidden').click();
  await expect(page.getByTestId('field-sampler')).toHaveAttribute('data-value', 'random');
  await expect(page.getByTestId('field-reg')).toHaveValue('0.000001');
  expect(errors).toEqual([]);
});

test('panels can be hidden too, and the note is shown as text, never as HTML', async ({ page }) => {
  const errors = collectErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const note = '<img src=x onerror=alert(1)><script>alert(2)</script> & <b>bold</b>';
  await page.goto(`/?${FAST}&hide=metrics,export,share,view&note=${encodeURIComponent(note)}`);
  await waitForRun(page, 0);
  await waitForPlots(page);
  const shown = page.getByTestId('note');
  expect(await shown.evaluate((el) => el.textContent)).toBe(note);
  expect(await shown.evaluate((el) => el.children.length)).toBe(0);
  expect(await page.locator('img').count()).toBe(0);
  for (const id of ['metrics', 'export-menu', 'copy-link', 'lesson-open', 'test-index'])
    await expect(page.getByTestId(id), id).toHaveCount(0);
  await expect(page.getByTestId('train')).toBeVisible();
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test('the lesson dialog builds a lesson link from checkboxes', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = collectErrors(page);
  await openApp(page, `${FAST}&seed=3`);
  await page.getByTestId('lesson-open').click();
  const dialog = page.getByTestId('lesson-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('lesson-hide-reg').check();
  await page.getByTestId('lesson-hide-sampler').check();
  await page.getByTestId('lesson-hide-forecast').check();
  // A field inside a hidden group is ticked and fixed by its group.
  await expect(page.getByTestId('lesson-hide-horizon')).toBeChecked();
  await expect(page.getByTestId('lesson-hide-horizon')).toBeDisabled();
  await page.getByTestId('lesson-hide-metrics').check();
  await page.getByTestId('lesson-plot-phase').uncheck();
  await page.getByTestId('lesson-plot-spectrum').uncheck();
  await page.getByTestId('lesson-note').fill('Raise the width: what happens to the error?');
  const url = await page.getByTestId('lesson-url').inputValue();
  const note = encodeURIComponent('Raise the width: what happens to the error?');
  expect(url).toBe(
    `${new URL(page.url()).origin}/?v=2&sys=vanderpol&ntraj=20&len=100&width=80&seed=3&horizon=100` +
      `&hide=sampler,reg,forecast,metrics&plots=trajectory,error&note=${note}`,
  );
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/lesson-dialog.png' });
  await page.getByTestId('lesson-copy').click();
  await expect(page.getByTestId('lesson-copy')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The link opens the reduced page with the same run.
  const before = await metricValues(page);
  await page.goto(url);
  await waitForRun(page, 0);
  for (const id of ['field-reg', 'field-sampler', 'group-forecast', 'metrics', 'plot-phase'])
    await expect(page.getByTestId(id), id).toHaveCount(0);
  await expect(page.getByTestId('plot-error')).toHaveAttribute('data-rendered', 'true');
  await expect(page.getByTestId('note')).toHaveText('Raise the width: what happens to the error?');
  await page.getByTestId('lesson-open').click();
  await expect(page.getByTestId('lesson-hide-reg')).toBeChecked();
  await expect(page.getByTestId('lesson-plot-phase')).not.toBeChecked();
  expect(before.testMse).toBeDefined();
  expect(errors).toEqual([]);
});

test('an old (v0) link is migrated, and the notice says what changed', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?v=0&system=lorenz&neurons=60&len=500&steps=100&ntest=4');
  await waitForRun(page, 0);
  await expect(page.getByTestId('field-width')).toHaveValue('60');
  await expect(page.getByTestId('field-sys')).toHaveAttribute('data-value', 'lorenz');
  await expect(page).toHaveURL(/\?v=2&sys=lorenz&len=500&ntest=4&width=60&horizon=100$/);
  const notices = page.getByTestId('notice');
  await expect(notices).toHaveCount(3);
  await expect(notices.first()).toContainText(
    "old link updated: v0 → v1: 'system' is now called 'sys'",
  );
  await page.getByTestId('dismiss-notice').first().click();
  await expect(notices).toHaveCount(2);
  expect(errors).toEqual([]);
});
