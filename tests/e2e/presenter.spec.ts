/**
 * Issue 11, presenter mode: the slim bar, text for the back row (ticks ≥ 20 px, titles ≥ 24 px,
 * metric values ≥ 40 px), shortcuts on `?`, plot full screen, a lesson link that opens in it, the
 * skip link. Screenshots of each view when LECTURE_SHOTS names a folder.
 */
import { expect, test, type Page } from '@playwright/test';
import { plotIds } from '../../src/ui/plots/registry';
import { waitForPlots, waitForRun } from './helpers';

const SHOTS = process.env.LECTURE_SHOTS;

/** Smallest computed font size (px) of the matching elements inside the plot containers. */
async function minFont(page: Page, selector: string): Promise<number> {
  return page.$$eval(`[data-testid^="plot-"] ${selector}`, (els) =>
    Math.min(
      ...els
        .filter((e) => (e.textContent ?? '').trim() !== '')
        .map((e) => parseFloat(getComputedStyle(e).fontSize)),
    ),
  );
}

async function openPresenting(page: Page, query: string, family: 'free' | 'controlled' | 'series') {
  await page.goto(`/?${query}&present=1`);
  await waitForRun(page, 0, { timeout: 60_000 });
  await waitForPlots(page, 60_000, family);
  await expect(page.getByTestId('presenter-bar')).toBeVisible();
  await expect(page.locator('aside.sidebar')).toHaveCount(0);
}

for (const [name, query, family] of [
  ['vanderpol', 'sys=vanderpol', 'free'],
  ['lorenz', 'sys=lorenz', 'free'],
  ['forcedvdp', 'sys=forcedvdp', 'controlled'],
  ['weather', 'sys=weather', 'series'],
] as const) {
  test(`presenter mode, ${name}: tick labels ≥ 20 px, titles ≥ 24 px, metric values ≥ 40 px`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openPresenting(page, query, family);
    const ticks = await minFont(page, '.xtick text, .ytick text');
    const titles = await minFont(page, '.gtitle');
    expect(ticks).toBeGreaterThanOrEqual(20);
    expect(titles).toBeGreaterThanOrEqual(24);
    const values = await page.$$eval('.metric.big .metric-value', (els) =>
      els.map((e) => parseFloat(getComputedStyle(e).fontSize)),
    );
    expect(values.length).toBeGreaterThan(0);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(40);
    console.log(
      `${name}: ticks ${ticks} px, titles ${titles} px, values ${Math.min(...values)} px`,
    );
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/present-${name}-1280.png` });
      if (family !== 'series')
        await page
          .getByTestId('plot-spectrum')
          .screenshot({ path: `${SHOTS}/present-${name}-spectrum.png` });
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${SHOTS}/present-${name}-1920.png` });
      // 150 % zoom on 1280×720: a CSS viewport of 853×480 at device scale 1.5.
      await page.setViewportSize({ width: 853, height: 480 });
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${SHOTS}/present-${name}-150pct.png` });
    }
  });
}

test('shortcuts: p toggles presenter, ? lists the keys, 1 shows plot 1 full screen, ] and [ step test starts', async ({
  page,
}) => {
  await page.goto('/?sys=vanderpol&width=80&ntraj=20&len=100&horizon=100');
  await waitForRun(page, 0);
  await waitForPlots(page);
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-bar')).toBeVisible();
  await expect(page).toHaveURL(/present=1/);
  await page.keyboard.press('?');
  const help = page.getByTestId('shortcut-help');
  await expect(help).toBeVisible();
  for (const k of ['t', 'n', ']', '[', '1 – 6', 'p']) await expect(help).toContainText(k);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('1');
  const first = plotIds('free')[0];
  await expect(page.locator(`[data-plot="${first}"]`)).toHaveAttribute('data-full', 'true');
  const box = await page.locator(`[data-plot="${first}"]`).boundingBox();
  expect(box!.width).toBeGreaterThan(1200);
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-plot="${first}"]`)).not.toHaveAttribute('data-full', 'true');
  await page.keyboard.press(']');
  await expect(page.locator('.view-test output')).toContainText('2 /');
  await page.keyboard.press('[');
  await expect(page.locator('.view-test output')).toContainText('1 /');
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-bar')).toHaveCount(0);
  await expect(page.locator('aside.sidebar')).toBeVisible();
  await expect(page).not.toHaveURL(/present=1/);
});

test('skip link: Tab from the top reaches the results in ≤ 5 presses', async ({ page }) => {
  await page.goto('/?sys=vanderpol&width=80&ntraj=20&len=100&horizon=100');
  await waitForRun(page, 0);
  let presses = 0;
  for (; presses < 5;) {
    await page.keyboard.press('Tab');
    presses++;
    const isSkip = await page.evaluate(() =>
      document.activeElement?.classList.contains('skip-link'),
    );
    if (isSkip) break;
  }
  await page.keyboard.press('Enter');
  const inResults = await page.evaluate(() => document.activeElement?.closest('#results') !== null);
  expect(inResults).toBe(true);
  // The next Tab lands inside the results (metrics, view bar or plots), not in the settings.
  await page.keyboard.press('Tab');
  presses++;
  expect(await page.evaluate(() => document.activeElement?.closest('#results') !== null)).toBe(
    true,
  );
  expect(presses).toBeLessThanOrEqual(5);
  console.log(`Tab presses to the results: ${presses}`);
});
