/**
 * Issue 11, lecture mode: a spectrum that teaches (nothing on the unit circle called unstable, the
 * ladder labelled on the zoom panel) and messages that agree (one warning count, test starts
 * numbered from 1).
 */
import { expect, test } from '@playwright/test';
import { openApp, runId, waitForPlots, waitForRun } from './helpers';

const SHOTS = process.env.LECTURE_SHOTS;

test('van der Pol default: 0 eigenvalues outside the circle, the ladder k = 1…5 labelled', async ({
  page,
}) => {
  await openApp(page);
  await expect(page.getByTestId('metric-outside-circle')).toHaveAttribute('data-value', '0');
  expect(
    Number(await page.getByTestId('metric-on-circle').getAttribute('data-value')),
  ).toBeGreaterThanOrEqual(5);
  await expect(page.getByTestId('warnings')).not.toContainText('outside the unit circle');
  await expect(page.getByTestId('warnings')).not.toContainText('|λ| > 1:');
  const zoom = await page.getByTestId('plot-spectrum').evaluate((el) => {
    const gd = el.querySelector('.js-plotly-plot') as unknown as {
      layout: {
        xaxis2: { range: [number, number] };
        annotations: { text: string; x: number; xref: string }[];
      };
    };
    return {
      range: gd.layout.xaxis2.range,
      labels: gd.layout.annotations.filter((a) => a.xref === 'x2').map((a) => [a.text, a.x]),
    };
  });
  const omega = 0.94296; // van der Pol μ = 1 (docs/METHOD.md §7)
  for (let k = 1; k <= 5; k++) {
    const angle = k * omega * 0.1;
    expect(angle).toBeGreaterThan(zoom.range[0]);
    expect(angle).toBeLessThan(zoom.range[1]);
    const label = zoom.labels.find(([t]) => t === (k === 1 ? 'k=1' : String(k)));
    expect(label, `k=${k}`).toBeDefined();
    expect(Math.abs((label![1] as number) - angle)).toBeLessThan(1e-3);
  }
  // The labels are on screen, not only in the layout.
  await expect(
    page.getByTestId('plot-spectrum').locator('.annotation-text', { hasText: 'k=1' }).first(),
  ).toBeVisible();
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/vdp-default.png` });
    await page.getByTestId('plot-spectrum').screenshot({ path: `${SHOTS}/vdp-spectrum.png` });
  }
});

test('divergence example: one warning count, test starts from 1 everywhere', async ({ page }) => {
  await openApp(page, 'sys=vanderpol&ntraj=1&len=20&reg=0');
  const warnings = page.getByTestId('warnings');
  const count = Number(await warnings.getAttribute('data-count'));
  expect(count).toBeGreaterThan(0);
  await expect(page.getByTestId('status')).toContainText(`${count} warning`);
  await warnings.locator('summary').click();
  await expect(warnings.locator('li')).toHaveCount(count);
  const text = await warnings.locator('ul').innerText();
  // One divergence summary, naming its first test start 1-based.
  const lines = text.split('\n').filter((l) => /diverged/.test(l));
  expect(lines).toHaveLength(1);
  const m = /first at step (\d+) .* in test (\d+)/.exec(lines[0]);
  expect(m).not.toBeNull();
  // The slider at that start says the same number.
  const slider = page.getByTestId('test-index');
  await slider.fill(String(Number(m![2]) - 1));
  await expect(page.locator('.view-test output')).toContainText(`${m![2]} /`);
  await expect(page.getByTestId('plot-trajectory')).toContainText(`test ${m![2]}/`);
  // Math typeset, glossary reachable.
  await expect(warnings.locator('abbr.glossary-term').first()).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/vdp-diverge.png` });
});

test('Lorenz: VPT in Lyapunov times on card, trajectory title and error plot', async ({ page }) => {
  await openApp(page, 'sys=lorenz');
  await expect(page.getByTestId('metrics')).toContainText('Lyapunov times');
  await expect(page.getByTestId('vpt-iqr')).toContainText('IQR');
  await expect(page.getByTestId('plot-trajectory')).toContainText('Lyapunov times');
  await expect(page.getByTestId('plot-error')).toContainText('Lyapunov times');
  await expect(page.getByTestId('plot-error')).not.toContainText('λ_max');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/lorenz-default.png` });
});

test('honest states: a CSV page waits for its file; cancelling the first run claims no results', async ({
  page,
}) => {
  await page.goto('/?sys=csv');
  const status = page.getByTestId('status');
  await expect(status).toContainText('Choose a CSV file');
  await expect(status).not.toContainText('Run failed');
  await page.goto('/?sys=lorenz&width=1500&ntraj=40&len=2000');
  await page.getByTestId('cost-run').click(); // estimated over 20 s: confirmed first (issue 16)
  await expect(status).toHaveAttribute('data-state', 'running');
  await page.getByTestId('cancel').click();
  await expect(status).toContainText('Cancelled before the first result');
  await expect(status).not.toContainText('previous results');
});

test('Back after three auto-trained runs returns to the previous run’s controls and numbers', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?sys=vanderpol&width=80&ntraj=20&len=100&horizon=100');
  await waitForRun(page, 0);
  const seed = page.getByTestId('field-seed');
  const shown: { seed: string; testMse: string | null }[] = [];
  for (const s of ['11', '12', '13']) {
    const id = await runId(page);
    await seed.fill(s);
    await seed.press('Enter');
    await waitForRun(page, id);
    shown.push({
      seed: s,
      testMse: await page.getByTestId('metric-testMse').getAttribute('data-value'),
    });
  }
  const id = await runId(page);
  await page.goBack();
  await waitForRun(page, id);
  await expect(page).toHaveURL(/seed=12/);
  await expect(seed).toHaveValue('12');
  await expect(page.getByTestId('metric-testMse')).toHaveAttribute('data-value', shown[1].testMse!);
  expect(new URL(page.url()).pathname).toBe('/');
});

for (const [sys, plot, family] of [
  ['lorenz', 'trajectory', 'free'],
  ['rossler', 'trajectory', 'free'],
  ['weather', 'forecast', 'series'],
] as const) {
  test(`${sys}: every stacked subplot of ${plot} is ≥ 90 px tall at 1280×720`, async ({ page }) => {
    await page.goto(`/?sys=${sys}`);
    await waitForRun(page, 0, { timeout: 60_000 });
    await waitForPlots(page, 60_000, family);
    const heights = await page
      .getByTestId(`plot-${plot}`)
      .locator('.js-plotly-plot')
      .evaluate((gd) => {
        const fl = (gd as unknown as { _fullLayout: Record<string, { _length?: number }> })
          ._fullLayout;
        return Object.keys(fl)
          .filter((k) => /^yaxis\d*$/.test(k))
          .map((k) => fl[k]._length ?? 0);
      });
    console.log(`${sys} ${plot}: subplot heights ${heights.map(Math.round).join(', ')} px`);
    expect(heights.length).toBeGreaterThan(1);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(90);
  });
}
