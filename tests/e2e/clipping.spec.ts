/**
 * Issue 11, layout: at 1024×768 (and 1280×720) no figure title or axis title of any plot is cut
 * off: the bounding box of every title's text lies inside its figure's SVG. Screenshots when
 * GALLERY_SHOTS names a folder.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Family } from '../../src/run/registry';
import { waitForPlots, waitForRun } from './helpers';

const SHOTS = process.env.GALLERY_SHOTS;

/** Titles whose text box leaves its figure's SVG box (1 px tolerance), as "plot: text". */
async function clippedTitles(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid^="plot-"] .js-plotly-plot', (plots) => {
    const out: string[] = [];
    for (const gd of plots) {
      const svg = gd.querySelector('svg.main-svg');
      if (!svg) continue;
      const box = svg.getBoundingClientRect();
      const id = gd.closest('[data-testid^="plot-"]')?.getAttribute('data-testid') ?? '?';
      for (const t of Array.from(
        gd.querySelectorAll('.gtitle, .g-xtitle text, .g-ytitle text, [class*="title"] text'),
      )) {
        const text = (t.textContent ?? '').trim();
        if (!text) continue;
        const r = t.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (
          r.left < box.left - 1 ||
          r.right > box.right + 1 ||
          r.top < box.top - 1 ||
          r.bottom > box.bottom + 1
        )
          out.push(
            `${id}: "${text}" [${Math.round(r.left - box.left)}, ${Math.round(r.top - box.top)}, ${Math.round(r.right - box.left)}, ${Math.round(r.bottom - box.top)}] in ${Math.round(box.width)}×${Math.round(box.height)}`,
          );
      }
    }
    return out;
  });
}

const VIEWS: Array<[string, string, Family]> = [
  ['vanderpol', 'sys=vanderpol', 'free'],
  ['lorenz', 'sys=lorenz&width=100', 'free'],
  ['forcedvdp', 'sys=forcedvdp&width=100&ntraj=50', 'controlled'],
  ['weather', 'sys=weather', 'series'],
];

for (const [name, query, family] of VIEWS) {
  test(`${name}: no title or axis title clipped at 1024×768 and 1280×720`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`/?${query}`);
    await waitForRun(page, 0, { timeout: 90_000 });
    await waitForPlots(page, 60_000, family);
    await page.waitForTimeout(500);
    const small = await clippedTitles(page);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/clip-${name}-1024.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(800);
    const large = await clippedTitles(page);
    expect([...small, ...large]).toEqual([]);
  });
}
