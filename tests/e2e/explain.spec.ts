/**
 * Issue 12, the model overview and the stage explanations: the overview's numbers equal the CLI's
 * JSON for the van der Pol default; every stage opens with a KaTeX equation and this run's numbers;
 * ←/→ and Prev/Next step through the stages (not while a slider has focus); KaTeX and its fonts
 * come from the app's own origin. Screenshots of every stage at 1280×720 and in presenter mode go
 * to test-results/explain/ (not asserted; for looking at).
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { circleCounts } from '../../src/ui/plots/spectrumData';
import { openApp, waitForPlots, waitForRun } from './helpers';

const QUERY = 'v=2&sys=vanderpol';
const STAGES = ['data', 'hidden', 'lsq', 'spectrum', 'forecast'] as const;
const SHOTS = 'test-results/explain';

interface CliJson {
  config: Record<string, number | string>;
  query: string;
  metrics: Record<string, number>;
  eigenvalues: { re: number[]; im: number[]; residual: number[] };
  spectrumRank: number;
  ridge: { rel: number };
  solveMethod: string;
}

function cli(query: string): CliJson {
  const stdout = execFileSync('npm', ['run', '--silent', 'srnn', '--', query], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(stdout) as CliJson;
}

const attr = (page: Page, id: string, name: string) =>
  page.getByTestId(`overview-node-${id}`).getAttribute(name);

/** The TeX sources of the KaTeX equations shown in the open panel (KaTeX's MathML annotation). */
async function texSources(page: Page): Promise<string> {
  const panel = page.getByTestId('explain-panel');
  await expect(panel.locator('.katex').first()).toBeVisible();
  return (await panel.locator('.katex annotation').allTextContents()).join('\n');
}

test('van der Pol default: the overview shows the CLI JSON numbers at full precision', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const j = cli(QUERY);
  await openApp(page, QUERY);
  await expect(page.getByTestId('overview')).toBeVisible();
  expect(await attr(page, 'data', 'data-pairs')).toBe(
    String(Number(j.config.ntraj) * Number(j.config.len)),
  );
  expect(await attr(page, 'data', 'data-test-starts')).toBe(String(j.config.ntest));
  expect(await attr(page, 'data', 'data-dt')).toBe(String(j.config.dt));
  expect(await attr(page, 'hidden', 'data-width')).toBe(String(j.config.width));
  expect(await attr(page, 'hidden', 'data-sampler')).toBe(String(j.config.sampler));
  expect(await attr(page, 'hidden', 'data-activation')).toBe(String(j.config.act));
  expect(await attr(page, 'lsq', 'data-ridge')).toBe(String(j.ridge.rel));
  expect(await attr(page, 'lsq', 'data-solve-method')).toBe(j.solveMethod);
  // cond(G + λI) ≤ 1 + (M + 1)/λ_rel, from the CLI's numbers.
  expect(await attr(page, 'lsq', 'data-cond-bound')).toBe(
    String(1 + (Number(j.config.width) + 1) / j.ridge.rel),
  );
  const counts = circleCounts(j.eigenvalues.re, j.eigenvalues.im);
  expect(await attr(page, 'spectrum', 'data-on-circle')).toBe(String(counts.circle));
  expect(await attr(page, 'spectrum', 'data-inside')).toBe(String(counts.inside));
  expect(await attr(page, 'spectrum', 'data-outside')).toBe(String(counts.outside));
  expect(counts.circle + counts.inside + counts.outside).toBe(j.spectrumRank);
  expect(await attr(page, 'spectrum', 'data-spectrum-rank')).toBe(String(j.spectrumRank));
  expect(await attr(page, 'spectrum', 'data-spectral-radius')).toBe(
    String(j.metrics.spectralRadius),
  );
  expect(await attr(page, 'forecast', 'data-test-mse')).toBe(String(j.metrics.testMse));
  expect(await attr(page, 'forecast', 'data-vpt')).toBe(String(j.metrics.vpt));
  // The spectrum stage's table starts with the CLI's first eigenvalue, bit for bit.
  await page.getByTestId('overview-node-spectrum').click();
  const first = page.getByTestId('eigen-table').locator('tbody tr').first();
  await expect(first).toHaveAttribute('data-re', String(j.eigenvalues.re[0]));
  await expect(first).toHaveAttribute('data-im', String(Math.abs(j.eigenvalues.im[0])));
  // Its ResDMD residual and the count of doubtful eigenvalues are the CLI's too.
  await expect(first.locator('td[data-residual]')).toHaveAttribute(
    'data-residual',
    String(j.eigenvalues.residual[0]),
  );
  await expect(page.getByTestId('explain-doubtful')).toHaveAttribute(
    'data-value',
    String(j.eigenvalues.residual.filter((x) => x > 0.1).length),
  );
  console.log(
    `overview = CLI: N ${Number(j.config.ntraj) * Number(j.config.len)}, M ${j.config.width}, λ_rel ${j.ridge.rel}, ${j.solveMethod}, on/in/out ${counts.circle}/${counts.inside}/${counts.outside}, testMse ${j.metrics.testMse}, vpt ${j.metrics.vpt}`,
  );
});

test('every stage opens with a KaTeX equation and this run’s numbers; nothing leaves the origin', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const outside: string[] = [];
  const fonts: string[] = [];
  page.context().on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) outside.push(url);
    if (/KaTeX_.*\.woff2?$/.test(url)) fonts.push(url);
  });
  await openApp(page, QUERY);
  // Nothing of KaTeX is fetched before an explanation opens (it is lazy).
  expect(fonts).toEqual([]);
  const testMse = await page.getByTestId('metric-testMse').getAttribute('data-value');

  await page.getByTestId('overview-node-data').click();
  await expect(page.getByTestId('explain-panel')).toHaveAttribute('data-stage', 'data');
  await expect(page.getByTestId('overview-node-data')).toHaveAttribute('aria-current', 'step');
  expect(await texSources(page)).toContain('N = 100 \\times 200 = 20\\,000');
  await expect(page.getByTestId('explain-pairs')).toHaveText('20,000');

  await page.getByTestId('overview-node-hidden').click();
  let tex = await texSources(page);
  expect(tex).toContain('\\tanh(W x + b) \\in \\mathbb{R}^{200}');
  expect(tex).toContain('\\mathbb{R}^{201}');
  await expect(page.getByTestId('explain-neuron-example')).toContainText('−0.5 and 0.5');

  await page.getByTestId('overview-node-lsq').click();
  tex = await texSources(page);
  const rel = Number(await attr(page, 'lsq', 'data-ridge'));
  expect(tex).toContain(`\\lambda_{\\text{rel}} = 10^{${Math.round(Math.log10(rel))}}`);
  expect(tex).toContain('\\in \\mathbb{R}^{201 \\times 201}');
  const K = page.getByTestId('heatmap-K');
  await expect(K).toHaveAttribute('data-rows', '201');
  await expect(K).toHaveAttribute('data-shown-rows', '60');
  await expect(K).toContainText('leading 60×60 block');
  await expect(page.getByTestId('heatmap-C')).toHaveAttribute('data-rows', '2');
  await expect(page.getByTestId('rnn-diagram')).toBeVisible();
  expect(tex).toContain('h_{t+1} = \\sigma\\big(W\\,CK\\,[h_t;\\,1] + b\\big)');

  await page.getByTestId('overview-node-spectrum').click();
  await texSources(page);
  await expect(page.getByTestId('eigen-table').locator('tbody tr')).toHaveCount(8);
  // The leading oscillation's period is the limit cycle's, 6.6633 (METHOD.md §7), within 1 %.
  const period = Number(await page.getByTestId('explain-period').getAttribute('data-value'));
  expect(Math.abs(period - 6.6633) / 6.6633).toBeLessThan(0.01);

  await page.getByTestId('overview-node-forecast').click();
  tex = await texSources(page);
  expect(tex).toContain('CK\\,\\Psi(\\hat x_t)');
  await expect(page.getByTestId('explain-test-mse')).toHaveAttribute('data-value', testMse!);
  await expect(page.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(2);

  // KaTeX's fonts came from the app itself, and nothing from anywhere else.
  expect(fonts.length).toBeGreaterThan(0);
  expect(outside).toEqual([]);
  console.log(`KaTeX fonts from the origin: ${fonts.length}`);
});

test('←/→ and Prev/Next step through the stages; a focused slider keeps its arrows; Esc closes', async ({
  page,
}) => {
  await openApp(page, 'v=2&sys=vanderpol&width=80&ntraj=20&len=100&horizon=100');
  const panel = page.getByTestId('explain-panel');
  await page.getByTestId('overview-node-data').click();
  for (const id of STAGES.slice(1)) {
    await page.keyboard.press('ArrowRight');
    await expect(panel).toHaveAttribute('data-stage', id);
    await expect(page.getByTestId(`overview-node-${id}`)).toHaveAttribute('aria-current', 'step');
  }
  await page.keyboard.press('ArrowRight'); // stays at the last stage
  await expect(panel).toHaveAttribute('data-stage', 'forecast');
  await expect(page.getByTestId('explain-next')).toBeDisabled();
  await page.keyboard.press('ArrowLeft');
  await expect(panel).toHaveAttribute('data-stage', 'spectrum');
  await page.getByTestId('explain-prev').click();
  await expect(panel).toHaveAttribute('data-stage', 'lsq');
  await page.getByTestId('explain-next').click();
  await expect(panel).toHaveAttribute('data-stage', 'spectrum');
  // A slider with focus keeps ←/→ for itself.
  const slider = page.locator('aside.sidebar input[type="range"]').first();
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(panel).toHaveAttribute('data-stage', 'spectrum');
  await slider.blur();
  // The shortcut list names the keys.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toContainText('← / →');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('overview-node-spectrum')).not.toHaveAttribute('aria-current');
});

for (const mode of ['normal', 'presenter'] as const) {
  test(`screenshots of every stage at 1280×720 (${mode})`, async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page, `${QUERY}${mode === 'presenter' ? '&present=1' : ''}`);
    if (mode === 'presenter') await expect(page.getByTestId('presenter-bar')).toBeVisible();
    await page.getByTestId('overview-node-data').click();
    for (const id of STAGES) {
      if (id !== 'data') await page.keyboard.press('ArrowRight');
      const panel = page.getByTestId('explain-panel');
      await expect(panel).toHaveAttribute('data-stage', id);
      await expect(panel.locator('.katex').first()).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      // Presenter text is larger: the panel must not overflow the page sideways.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${id}: horizontal overflow`).toBeLessThanOrEqual(0);
      await page.getByTestId('overview').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/${mode}-${id}.png` });
      // The rest of the panel, scrolled up from its bottom edge.
      await panel.evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await page.screenshot({ path: `${SHOTS}/${mode}-${id}-end.png` });
      if (id === 'lsq') {
        await page.getByTestId('heatmap-K').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}/${mode}-lsq-heatmaps.png` });
      }
    }
  });
}

test('the weather and controlled views have the overview and their own data stage', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/?sys=weather');
  await waitForRun(page, 0, { timeout: 90_000 });
  await waitForPlots(page, 60_000, 'series');
  const pairs = Number(await attr(page, 'data', 'data-pairs'));
  expect(pairs).toBeGreaterThan(100);
  await page.getByTestId('overview-node-data').click();
  let tex = await texSources(page);
  expect(tex).toContain('\\tilde x_t');
  await page.screenshot({ path: `${SHOTS}/weather-data.png` });
  await page.getByTestId('overview-node-spectrum').click();
  await expect(page.getByTestId('eigen-table')).toContainText('1/day');
  await page.screenshot({ path: `${SHOTS}/weather-spectrum.png` });

  await page.goto('/?sys=forcedvdp&width=80&ntraj=20&len=100&horizon=100&ntest=3&ctime=5');
  await waitForRun(page, 0, { timeout: 90_000 });
  await waitForPlots(page, 60_000, 'controlled');
  expect(await attr(page, 'data', 'data-pairs')).toBe(String(20 * 100));
  await page.getByTestId('overview-node-data').click();
  tex = await texSources(page);
  expect(tex).toContain('u_k \\in \\mathbb{R}^{1}');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  tex = await texSources(page);
  expect(tex).toContain('[K\\ B] = A_z (G_z + \\lambda I)^{-1}');
  await page.screenshot({ path: `${SHOTS}/controlled-lsq.png` });
});

test('a lesson link can hide the overview (hide=overview); the arrows then do nothing', async ({
  page,
}) => {
  await page.goto('/?sys=vanderpol&width=80&ntraj=20&len=100&horizon=100&hide=overview');
  await waitForRun(page, 0);
  await waitForPlots(page);
  await expect(page.getByTestId('overview')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('explain-panel')).toHaveCount(0);
});
