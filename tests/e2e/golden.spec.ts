import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Golden } from '../golden/cases';
import { download, runId, waitForRun } from './helpers';

/**
 * The golden links in Chromium: the page's run (in the worker, through the stage cache) gives the
 * same metrics and eigenvalues as recorded in Node before the engine was restructured, byte for
 * byte. Read from the model JSON the page exports (its metrics and eigenvalues as JSON text).
 */
const goldens = JSON.parse(readFileSync('tests/golden/results.json', 'utf8')) as Golden[];

for (const g of goldens) {
  test(`golden in the browser: ${g.query}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/?${g.query}`);
    if (g.data) {
      // A CSV link asks for its file again: the first run has nothing to read.
      await expect(page.getByTestId('status')).not.toHaveAttribute('data-state', 'running');
      const before = await runId(page);
      await page.getByTestId('csv-file').setInputFiles(g.data);
      await waitForRun(page, before, { timeout: 60_000 });
    } else await waitForRun(page, 0, { timeout: 60_000 });
    const doc = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8')) as {
      metrics: unknown;
      eigenvalues: { re: number[]; im: number[] };
    };
    const was = JSON.parse(g.metrics) as Record<string, unknown>;
    const is = doc.metrics as Record<string, unknown>;
    for (const key of Object.keys(was))
      expect(JSON.stringify(is[key]), key).toBe(JSON.stringify(was[key]));
    expect(JSON.stringify({ re: doc.eigenvalues.re, im: doc.eigenvalues.im })).toBe(g.eigenvalues);
  });
}
