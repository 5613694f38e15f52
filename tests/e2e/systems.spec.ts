import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { entryOf, idsOf } from '../../src/run/registry';
import { collectErrors, openApp, runId, traceTypes, waitForPlots, waitForRun } from './helpers';

/** Every free system of the registry (a new system is tested without editing this list). */
const SYSTEMS = idsOf('free').map((sys) => ({ sys, spec: entryOf(sys).spec! }));

for (const { sys, spec } of SYSTEMS) {
  const dim = spec.dim;
  test(`${sys}: pick it, train, all four plots draw`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors = collectErrors(page);
    // Start from another system so that picking this one really changes the run.
    await openApp(page, sys === 'vanderpol' ? 'sys=lorenz' : '');
    const before = await runId(page);
    await page.getByTestId(`field-sys-${sys}`).check();
    await page.getByTestId('train').click();
    await waitForRun(page, before, { timeout: 60_000 });
    await waitForPlots(page);
    await expect(page).toHaveURL(new RegExp(`sys=${sys}`));
    // The plots show this system: a 3-D phase portrait for 3-D systems, one panel per component.
    const phaseTypes = await traceTypes(page, 'phase');
    expect(phaseTypes).toContain(dim === 3 ? 'scatter3d' : 'scatter');
    const yAxes = await page
      .getByTestId('plot-trajectory')
      .locator('.js-plotly-plot')
      .evaluate((gd) => Object.keys((gd as unknown as { layout: object }).layout));
    expect(yAxes.filter((k) => /^yaxis\d*$/.test(k))).toHaveLength(dim);
    // Only this system's parameters are offered.
    for (const other of SYSTEMS)
      for (const p of other.spec.params)
        await expect(page.getByTestId(`field-${p.key}`)).toHaveCount(
          spec.params.some((q) => q.key === p.key) ? 1 : 0,
        );
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: `test-results/screenshots/${sys}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
}
