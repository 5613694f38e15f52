import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { eigenText, type Golden } from '../golden/cases';
import { resultToJson } from '../../src/cli/resultJson';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { download, waitForRun } from './helpers';

/**
 * The browser's worker pool (workers/browserPool.ts): the page is cross-origin isolated, runs
 * split over 1, 2 and 4 threads give the golden bytes the CLI recorded (metrics and eigenvalues as
 * JSON text, no tolerance), and a page served without the isolation headers runs on one thread
 * with the same bytes. Cases: the untruncated fit with its cross term (van der Pol), the
 * POD-truncated fit with its projection and C·A passes and split forecasts (Lorenz).
 */
const goldens = JSON.parse(readFileSync('tests/golden/results.json', 'utf8')) as Golden[];
const CASES = ['sys=vanderpol', 'sys=lorenz'];

async function exported(
  page: Page,
): Promise<{ metrics: Record<string, unknown>; eig: string; query: string }> {
  const doc = JSON.parse((await download(page, 'export-json')).bytes.toString('utf8')) as {
    metrics: Record<string, unknown>;
    eigenvalues: { re: number[]; im: number[] };
    query: string;
  };
  return {
    metrics: doc.metrics,
    eig: JSON.stringify({ re: doc.eigenvalues.re, im: doc.eigenvalues.im }),
    query: doc.query,
  };
}

function expectGolden(got: { metrics: Record<string, unknown>; eig: string }, g: Golden): void {
  const was = JSON.parse(g.metrics) as Record<string, unknown>;
  for (const key of Object.keys(was))
    expect(JSON.stringify(got.metrics[key]), key).toBe(JSON.stringify(was[key]));
  expect(got.eig).toBe(g.eigenvalues);
}

test('the page is cross-origin isolated, so the pool can share memory', async ({ page }) => {
  await page.goto('/?sys=vanderpol');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
});

for (const query of CASES) {
  for (const threads of [1, 2, 4]) {
    test(`${query} on ${threads} thread(s) gives the CLI's golden bytes`, async ({ page }) => {
      test.setTimeout(120_000);
      const g = goldens.find((x) => x.query === query)!;
      await page.addInitScript((n) => localStorage.setItem('srnn.threads', String(n)), threads);
      await page.goto(`/?${query}`);
      await waitForRun(page, 0, { timeout: 90_000 });
      await expect(page.getByTestId('threads')).toHaveAttribute('data-threads', String(threads));
      await expect(page.getByTestId('threads')).toContainText(
        threads === 1 ? '1 thread' : `${threads} threads`,
      );
      expectGolden(await exported(page), g);
    });
  }
}

test("by default the first run uses one thread and the next all cores, with the CLI's bytes", async ({
  page,
}) => {
  // No thread count asked for: the lecture default does not wait for the pool to start, and the
  // pool is ready for the next run (workers/runWorker.ts, poolFor).
  test.setTimeout(150_000);
  await page.goto('/?sys=vanderpol');
  await waitForRun(page, 0, { timeout: 90_000 });
  await expect(page.getByTestId('threads')).toHaveAttribute('data-threads', '1');
  expectGolden(
    await exported(page),
    goldens.find((x) => x.query === 'sys=vanderpol')!,
  );
  const cores = Math.min(64, await page.evaluate(() => navigator.hardwareConcurrency || 1));
  await page.getByTestId('field-seed').fill('2');
  await page.getByTestId('field-seed').press('Enter');
  await waitForRun(page, 1, { timeout: 90_000 });
  await expect(page.getByTestId('threads')).toHaveAttribute('data-threads', String(cores));
  const got = await exported(page);
  expect(got.query).toContain('seed=2');
  // The same query in this Node process, on one thread: the same bytes.
  const cli = resultToJson(runPipeline(parseQuery(got.query, 'strict').config, {}), false);
  expect(JSON.stringify(got.metrics)).toBe(JSON.stringify(cli.metrics));
  expect(got.eig).toBe(eigenText(cli));
});

test('answers larger than the first shared buffer of a thread (1 MiB) arrive whole', async ({
  page,
}) => {
  // Width 1000: thread 1's block G[0:708, 708:1001] alone is 708 × 293 doubles ≈ 1.6 MiB, so the
  // thread asks for a bigger buffer before it answers (workers/poolProtocol.ts, NeedsBuffer).
  test.setTimeout(180_000);
  const query = 'sys=lorenz&width=1000&len=2000&ntest=4&horizon=100';
  const runs: Array<{ metrics: Record<string, unknown>; eig: string }> = [];
  for (const threads of [1, 2]) {
    await page.addInitScript((n) => localStorage.setItem('srnn.threads', String(n)), threads);
    await page.goto(`/?${query}`);
    await waitForRun(page, 0, { timeout: 120_000 });
    await expect(page.getByTestId('threads')).toHaveAttribute('data-threads', String(threads));
    runs.push(await exported(page));
  }
  expect(JSON.stringify(runs[1].metrics)).toBe(JSON.stringify(runs[0].metrics));
  expect(runs[1].eig).toBe(runs[0].eig);
});

test('without the isolation headers the run uses one thread, same bytes', async ({ page }) => {
  test.setTimeout(120_000);
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/?sys=lorenz');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
  await waitForRun(page, 0, { timeout: 90_000 });
  await expect(page.getByTestId('threads')).toHaveAttribute('data-threads', '1');
  expectGolden(
    await exported(page),
    goldens.find((x) => x.query === 'sys=lorenz')!,
  );
});
