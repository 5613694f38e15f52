/**
 * Issue 11: forced van der Pol in presenter mode at 150 % browser zoom on a 1280×720 screen
 * (853×480 CSS px at device scale 1.5): the plots come first, without scrolling: the first plot
 * starts in the top third of the screen and fills most of the rest (a stacked figure keeps its
 * ≥ 90 px panels, so a three-panel plot may run past the bottom edge), nothing scrolls sideways.
 * Screenshot when GALLERY_SHOTS names a folder.
 */
import { expect, test } from '@playwright/test';
import { plotIds } from '../../src/ui/plots/registry';
import { waitForPlots, waitForRun } from './helpers';

const SHOTS = process.env.GALLERY_SHOTS;

test.use({ viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });

for (const [name, query, family] of [
  ['forcedvdp', 'sys=forcedvdp', 'controlled'],
  ['vanderpol', 'sys=vanderpol', 'free'],
] as const) {
  test(`${name}, presenter mode at 150 % zoom: the first plot on the first screen`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.goto(`/?${query}&present=1`);
    await waitForRun(page, 0, { timeout: 90_000 });
    await waitForPlots(page, 60_000, family);
    await page.waitForTimeout(500);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/zoom150-${name}-before.png` });
    const first = page.getByTestId(`plot-${plotIds(family)[0]}`);
    const box = await first.boundingBox();
    const view = page.viewportSize()!;
    expect(box).not.toBeNull();
    console.log(`${name}: first plot at y ${box!.y}–${box!.y + box!.height} of ${view.height}`);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(view.height / 3);
    const visible = Math.min(box!.y + box!.height, view.height) - box!.y;
    expect(visible).toBeGreaterThanOrEqual(0.6 * view.height);
    await expect(page.locator('aside.sidebar')).toHaveCount(0);
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/zoom150-${name}.png` });
  });
}
