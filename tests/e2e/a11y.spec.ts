/**
 * Issue 11, accessibility: axe-core (WCAG 2.x A and AA rules) on the free, controlled and weather
 * views, in normal and presenter mode, with the lesson gallery and the Advanced settings open:
 * no serious or critical violation. Each violation is printed with its targets.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Family } from '../../src/run/registry';
import { waitForPlots, waitForRun } from './helpers';

async function audit(page: Page, label: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations)
    console.log(
      `${label}: [${v.impact}] ${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes
        .slice(0, 4)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
    );
  expect(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    label,
  ).toEqual([]);
}

const VIEWS: Array<[string, string, Family]> = [
  ['free (van der Pol)', 'sys=vanderpol', 'free'],
  ['free (Lorenz)', 'sys=lorenz&width=100', 'free'],
  ['controlled (forced van der Pol)', 'sys=forcedvdp&width=100&ntraj=50', 'controlled'],
  ['weather', 'sys=weather', 'series'],
];

for (const [name, query, family] of VIEWS) {
  test(`axe: ${name}, normal and presenter mode`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`/?${query}`);
    await waitForRun(page, 0, { timeout: 90_000 });
    await waitForPlots(page, 60_000, family);
    await audit(page, name);
    await page.getByTestId('advanced-toggle').click();
    await audit(page, `${name}, advanced open`, 'aside.sidebar');
    await page.goto(`/?${query}&present=1`);
    await waitForRun(page, 0, { timeout: 90_000 });
    await waitForPlots(page, 60_000, family);
    await audit(page, `${name}, presenter`);
  });
}

test('axe: the lesson gallery and the lesson-link dialog', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?sys=vanderpol');
  await waitForRun(page, 0, { timeout: 60_000 });
  await page.getByTestId('gallery-open').click();
  await expect(page.getByTestId('gallery')).toBeVisible();
  await audit(page, 'gallery', '[data-testid="gallery"]');
  await page.keyboard.press('Escape');
  await page.getByTestId('lesson-open').click();
  await expect(page.getByTestId('lesson-dialog')).toBeVisible();
  await audit(page, 'lesson dialog', '[data-testid="lesson-dialog"]');
});
