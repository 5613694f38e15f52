/**
 * Issue 11, the basic/advanced split: a default page shows the basic settings and a collapsed
 * "Advanced settings" section; a link that changes an advanced setting opens it and names the
 * change in its summary; the open state survives a run but is not in the link. Screenshots when
 * GALLERY_SHOTS names a folder.
 */
import { expect, test } from '@playwright/test';
import { isBasic } from '../../src/run/basicFields';
import { FIELDS, defaultConfig, fieldApplies } from '../../src/run/schema';
import { waitForRun } from './helpers';

const SHOTS = process.env.GALLERY_SHOTS;

for (const sys of ['vanderpol', 'lorenz', 'forcedvdp', 'weather']) {
  test(`${sys}: basic settings shown, the others collapsed under Advanced`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/?sys=${sys}`);
    await waitForRun(page, 0, { timeout: 60_000 });
    const advanced = page.getByTestId('advanced');
    await expect(advanced).toHaveAttribute('data-open', 'false');
    const config = defaultConfig(sys);
    const fields = FIELDS.filter(
      (f) =>
        fieldApplies(f, sys) &&
        ['int', 'float', 'enum', 'list'].includes(f.kind) &&
        (!f.shownWhen || f.shownWhen(config)),
    );
    const sidebar = page.locator('aside.sidebar');
    for (const f of fields) {
      const el = sidebar.locator(`[data-field="${f.key}"]`);
      if (isBasic(f, sys)) await expect(el, f.key).toBeVisible();
      else await expect(el, f.key).toBeHidden();
    }
    const closedHeight = await sidebar.evaluate((el) => el.scrollHeight);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/settings-${sys}.png` });
    await page.getByTestId('advanced-toggle').click();
    await expect(advanced).toHaveAttribute('data-open', 'true');
    for (const f of fields.filter((x) => !isBasic(x, sys)))
      await expect(sidebar.locator(`[data-field="${f.key}"]`), f.key).toBeVisible();
    const openHeight = await sidebar.evaluate((el) => el.scrollHeight);
    console.log(
      `${sys}: ${fields.filter((f) => isBasic(f, sys)).length} basic of ${fields.length} settings; sidebar ${closedHeight} px collapsed, ${openHeight} px open`,
    );
    expect(closedHeight).toBeLessThan(openHeight);
    // Not part of the link.
    expect(page.url()).not.toMatch(/advanced|open/);
  });
}

test('a link that changes an advanced setting opens the section and names the change', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/?sys=vanderpol&width=60&ntraj=20&len=100&eps=0.2');
  await waitForRun(page, 0, { timeout: 60_000 });
  const advanced = page.getByTestId('advanced');
  await expect(advanced).toHaveAttribute('data-open', 'true');
  await expect(advanced).toHaveAttribute('data-changed', 'eps');
  await expect(page.getByTestId('field-eps')).toHaveValue('0.2');
  // Collapsed by hand, the summary still shows the changed value.
  await page.getByTestId('advanced-toggle').click();
  await expect(advanced).toHaveAttribute('data-open', 'false');
  await expect(page.getByTestId('advanced-toggle')).toContainText('changed: VPT threshold ε = 0.2');
  await expect(page.getByTestId('field-eps')).toBeHidden();
  // A basic edit runs again and leaves it collapsed.
  const seed = page.getByTestId('field-seed');
  await seed.fill('4');
  await seed.press('Enter');
  await expect(page).toHaveURL(/seed=4/);
  await expect(advanced).toHaveAttribute('data-open', 'false');
  // Opened and edited inside: stays open, and a value back at its default leaves the summary.
  await page.getByTestId('advanced-toggle').click();
  await page.getByTestId('field-eps').fill('0.4');
  await page.getByTestId('field-eps').press('Enter');
  await expect(advanced).toHaveAttribute('data-changed', '');
  await expect(advanced).toHaveAttribute('data-open', 'true');
});
