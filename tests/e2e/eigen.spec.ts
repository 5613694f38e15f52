import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { collectErrors, download, openApp } from './helpers';

/**
 * The Koopman eigenfunction view (issues 12 and 14): for the van der Pol default it computes in
 * the worker, draws the spectrum coloured by ResDMD residual and the |φ| and arg φ maps, and the
 * k = 1 eigenfunction's phase advances by ω·Δt per step along the limit cycle (mean within 1 %).
 * Clicking a row or an eigenvalue in the spectrum redraws the maps for it.
 */
const attr = async (page: Page, name: string) =>
  Number(await page.getByTestId('eigen-view').getAttribute(name));

async function mapsDrawn(page: Page) {
  for (const id of ['plot-eigen-spectrum', 'plot-eigen-modulus', 'plot-eigen-phase'])
    await expect(page.getByTestId(id), id).toHaveAttribute('data-rendered', 'true', {
      timeout: 30_000,
    });
}

test('van der Pol default: eigenfunction maps, isochron phase advance = ω·Δt, click to choose', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, 'sys=vanderpol');
  await page.getByTestId('analysis-eigen').click();
  await expect(page.getByTestId('eigen-view')).toBeVisible({ timeout: 120_000 });
  await mapsDrawn(page);
  const view = page.getByTestId('eigen-view');
  await expect(view).toHaveAttribute('data-has-maps', 'true');

  // The reference: ω = 0.94296 for μ = 1 (period 6.6633), Δt = 0.1.
  const omegaDt = await attr(page, 'data-omega-dt');
  expect(omegaDt).toBeCloseTo(0.094296, 9);
  const mean = await attr(page, 'data-advance-mean');
  const rel = await attr(page, 'data-advance-rel-error');
  expect(Math.abs(rel), `mean advance ${mean} vs ω·Δt ${omegaDt}`).toBeLessThan(0.01);
  expect(rel).toBeCloseTo(mean / omegaDt - 1, 12);
  console.log(
    `phase advance per step: mean ${mean} (ω·Δt ${omegaDt}, rel ${rel}), ` +
      `min ${await attr(page, 'data-advance-min')}, max ${await attr(page, 'data-advance-max')}, ` +
      `rms ${await attr(page, 'data-advance-rms')}; principal residual ${await attr(page, 'data-principal-residual')}`,
  );

  // The browser's numbers equal Node's (CLI --eigen on the same query), bit for bit.
  const cli = JSON.parse(
    execFileSync('npm', ['run', '--silent', 'srnn', '--', 'sys=vanderpol', '--eigen'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }),
  ) as {
    eigen: {
      principal: number;
      pairs: Array<{ re: number; im: number; residual: number }>;
      orbit: { advanceMean: number; advanceMin: number; advanceMax: number };
    };
  };
  expect(mean).toBe(cli.eigen.orbit.advanceMean);
  expect(await attr(page, 'data-advance-min')).toBe(cli.eigen.orbit.advanceMin);
  expect(await attr(page, 'data-advance-max')).toBe(cli.eigen.orbit.advanceMax);
  expect(await attr(page, 'data-principal')).toBe(cli.eigen.principal);
  const pageRows = page.getByTestId('eigen-row');
  for (let j = 0; j < cli.eigen.pairs.length; j++) {
    expect(Number(await pageRows.nth(j).getAttribute('data-re'))).toBe(cli.eigen.pairs[j].re);
    expect(Number(await pageRows.nth(j).getAttribute('data-residual'))).toBe(
      cli.eigen.pairs[j].residual,
    );
  }

  // The principal (k = 1) pair is selected, listed, trusted and at frequency ≈ ω.
  const principal = await attr(page, 'data-principal');
  expect(principal).toBeGreaterThanOrEqual(0);
  expect(await attr(page, 'data-selected')).toBe(principal);
  expect(Math.abs((await attr(page, 'data-principal-frequency')) / 0.94296 - 1)).toBeLessThan(1e-3);
  expect(await attr(page, 'data-principal-residual')).toBeLessThan(0.01);
  const rows = page.getByTestId('eigen-row');
  expect(await rows.count()).toBe(await attr(page, 'data-count'));
  await expect(rows.nth(principal)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('plot-eigen-phase')).toContainText('arg φ');
  await expect(page.getByTestId('eigen-advance')).toContainText('rad per step');

  await view.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/eigen-1280x720.png' });
  await page.getByTestId('plot-eigen-phase').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/eigen-maps-1280x720.png' });

  // A row click chooses another eigenfunction: the maps redraw for it.
  const other = principal === 0 ? 1 : 0;
  const titleBefore = await page.getByTestId('plot-eigen-phase').locator('.gtitle').textContent();
  await rows.nth(other).click();
  await expect(view).toHaveAttribute('data-selected', String(other));
  await expect(page.getByTestId('plot-eigen-phase').locator('.gtitle')).not.toHaveText(
    titleBefore ?? '',
  );
  await mapsDrawn(page);

  // A click on the principal eigenvalue in the spectrum chooses it again.
  await page.getByTestId('plot-eigen-spectrum').scrollIntoViewIfNeeded();
  const target = await page.evaluate((j) => {
    const gd = document.querySelector('[data-testid="plot-eigen-spectrum"] .js-plotly-plot') as
      | (HTMLElement & {
          _fullLayout: {
            xaxis: { l2p: (v: number) => number; _offset: number };
            yaxis: { l2p: (v: number) => number; _offset: number };
          };
          data: Array<{ name?: string; x: number[]; y: number[]; customdata?: number[] }>;
        })
      | null;
    if (!gd) return null;
    const trace = gd.data.find((t) => t.name?.startsWith('listed'))!;
    const k = trace.customdata!.indexOf(j);
    const box = gd.getBoundingClientRect();
    const fl = gd._fullLayout;
    return {
      x: box.left + fl.xaxis._offset + fl.xaxis.l2p(trace.x[k]),
      y: box.top + fl.yaxis._offset + fl.yaxis.l2p(trace.y[k]),
    };
  }, principal);
  expect(target).not.toBeNull();
  await page.mouse.move(target!.x, target!.y);
  await page.screenshot({ path: 'test-results/eigen-hover-1280x720.png' });
  await page.mouse.click(target!.x, target!.y);
  await expect(view).toHaveAttribute('data-selected', String(principal));
  await page.screenshot({ path: 'test-results/eigen-spectrum-1280x720.png' });
  expect(errors).toEqual([]);
});

test('the main spectrum: every eigenvalue’s ResDMD residual equals the CLI’s; doubtful ones are faded and counted', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, 'sys=vanderpol');
  const cli = JSON.parse(
    execFileSync('npm', ['run', '--silent', 'srnn', '--', 'sys=vanderpol'], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    }),
  ) as { eigenvalues: { re: number[]; residual: number[] } };
  expect(cli.eigenvalues.residual).toHaveLength(201);
  const spectrum = page.getByTestId('plot-spectrum');
  await expect(spectrum).toHaveAttribute('data-rendered', 'true', { timeout: 60_000 });
  // The residuals the page plots (hover text) and fades, read from the drawn figure.
  const drawn = await page.evaluate(() => {
    const gd = document.querySelector('[data-testid="plot-spectrum"] .js-plotly-plot') as
      | (HTMLElement & {
          data: Array<{
            name?: string;
            xaxis?: string;
            customdata?: Array<Array<number | string>>;
            marker?: { opacity?: number[] };
          }>;
        })
      | null;
    if (!gd) return null;
    const groups = gd.data.filter((t) => !t.xaxis && Array.isArray(t.marker?.opacity));
    return {
      legend: gd.data.map((t) => t.name ?? ''),
      points: groups.flatMap((t) =>
        t.customdata!.map((c, k) => ({
          re: Number(c[5]),
          hover: String(c[7]),
          opacity: t.marker!.opacity![k],
        })),
      ),
    };
  });
  expect(drawn).not.toBeNull();
  const { points, legend } = drawn!;
  expect(points).toHaveLength(201);
  const doubtful = cli.eigenvalues.residual.filter((x) => x > 0.1).length;
  expect(legend).toContain(`faded: ResDMD residual > 0.1 (${doubtful} of 201)`);
  expect(points.filter((p) => p.opacity < 1)).toHaveLength(doubtful);
  // The hover names each eigenvalue's residual (2 significant digits) and its trust word.
  for (const p of points) {
    const k = cli.eigenvalues.re.indexOf(p.re);
    expect(k, `eigenvalue ${p.re}`).toBeGreaterThanOrEqual(0);
    const res = cli.eigenvalues.residual[k];
    const word = res < 0.01 ? 'trusted' : res < 0.1 ? 'fair' : 'doubtful';
    expect(p.hover).toContain(`(${word})`);
    expect(p.opacity < 1).toBe(word === 'doubtful');
  }
  // Byte for byte: the exported model file carries the CLI's residuals.
  const doc = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8')) as {
    eigenvalues: { residual: number[] };
  };
  expect(doc.eigenvalues.residual).toEqual(cli.eigenvalues.residual);
  await spectrum.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/spectrum-residuals-1280x720.png' });
  expect(errors).toEqual([]);
});

test('long-term statistics: the joint density of the true system and the RNN side by side', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, 'sys=vanderpol');
  await page.getByTestId('analysis-steps').selectOption('10000');
  await page.getByTestId('analysis-stats').click();
  await expect(page.getByTestId('stats-view')).toBeVisible({ timeout: 120_000 });
  const plot = page.getByTestId('plot-stats-density2d');
  await expect(plot).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await expect(plot.locator('.gtitle')).toContainText('Joint density x–y: Hellinger');
  // Both panels carry their image.
  expect(await plot.locator('image').count()).toBe(2);
  await plot.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/stats-density2d-1280x720.png' });
  expect(errors).toEqual([]);
});

test('presenter mode: the eigenfunction view is readable at 1280×720', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?sys=vanderpol&present=1');
  await expect(page.getByTestId('presenter-bar')).toBeVisible();
  await page.getByTestId('analysis-eigen').click();
  await expect(page.getByTestId('eigen-view')).toBeVisible({ timeout: 120_000 });
  await mapsDrawn(page);
  await page.getByTestId('plot-eigen-spectrum').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/eigen-present-spectrum-1280x720.png' });
  await page.getByTestId('plot-eigen-phase').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/eigen-present-maps-1280x720.png' });
  expect(errors).toEqual([]);
});
