import { expect, test } from '@playwright/test';
import { collectErrors, openApp } from './helpers';

test('page loads, shows the system picker, runs once on load, logs no errors', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await expect(page.getByRole('heading', { name: 'Sampled RNN Lab' })).toBeVisible();
  await expect(page.getByTestId('field-sys')).toBeVisible();
  await expect(page.getByTestId('train')).toBeEnabled();
  // The default config ran without a click: metrics are finite numbers.
  const testMse = Number(await page.getByTestId('metric-testMse').getAttribute('data-value'));
  expect(Number.isFinite(testMse)).toBe(true);
  // The canonical query was written to the URL.
  await expect(page).toHaveURL(/\?v=2&sys=vanderpol/);
  expect(errors).toEqual([]);
});

test('a link with bad values shows dismissible notices and still runs', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, 'sys=vanderpol&width=abc&bogus=1');
  const notices = page.getByTestId('notice');
  await expect(notices).toHaveCount(2);
  await expect(notices.first()).toContainText('width');
  await page.getByTestId('dismiss-notice').first().click();
  await expect(notices).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('typed invalid values are refused in place and the previous value kept', async ({ page }) => {
  await openApp(page);
  const width = page.getByTestId('field-width');
  const before = await width.inputValue();
  await width.fill('99999');
  await width.press('Enter');
  const error = page.getByTestId('error-width');
  await expect(error).toContainText('width must be an integer in [1, 3000]');
  await expect(width).toHaveAttribute('aria-invalid', 'true');
  // Nothing changed: the URL keeps the default width, and Escape shows the kept value again.
  await page.waitForTimeout(400);
  expect(page.url()).not.toContain('width=');
  await width.press('Escape');
  await expect(width).toHaveValue(before);
});

test('copy link confirms visibly', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toContainText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('sys=vanderpol');
});
