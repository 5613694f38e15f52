/**
 * Relaxed-SIMD FMA in the Gram kernel (issue 15): the inline kernel against its f64x2.relaxed_madd
 * variant (scripts/lib/fmaHarness.ts), in Node and in Chromium, one run. Reports the median time
 * of the Gram G and cross A accumulation of `rows` × `m` and how many elements of G and A differ in
 * their bits between the two kernels (they do where the engine fuses: one rounding per term
 * instead of two). JSON on stdout and in bench-results/bench-fma.json.
 *
 *   npm run bench:fma -- [--rows 20000] [--m 1001] [--runs 5]
 *
 * Node 20 enables relaxed SIMD only with --experimental-wasm-relaxed-simd: the script starts a
 * second Node with that flag for the Node figures. Chromium enables it by default; the browser
 * imports the harness from a Vite dev server started for the run.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { createServer } from 'vite';
import { measureFma, type FmaReport } from './lib/fmaHarness';
import { arg, launchChromium, runMain, writeReport } from './lib/benchKit';

const FLAG = '--experimental-wasm-relaxed-simd';

/** The Node figures, from a child Node with relaxed SIMD enabled. */
function inNode(rows: number, m: number, runs: number): FmaReport {
  const child = spawnSync(
    process.execPath,
    [
      FLAG,
      '--import',
      'tsx',
      'scripts/bench-fma.ts',
      '--node-only',
      String(rows),
      String(m),
      String(runs),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (child.status !== 0) throw new Error(`node ${FLAG} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as FmaReport;
}

async function inChromium(rows: number, m: number, runs: number): Promise<FmaReport> {
  const server = await createServer({
    server: { port: 5199, strictPort: false, host: '127.0.0.1' },
    logLevel: 'error',
  });
  await server.listen();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(server.resolvedUrls!.local[0]);
    return await page.evaluate(
      async ([r, n, k, version]) => {
        const url = '/scripts/lib/fmaHarness.ts'; // served (and compiled) by the dev server
        const h = (await import(/* @vite-ignore */ url)) as typeof import('./lib/fmaHarness');
        return h.measureFma(r, n, k, `Chromium ${version}`);
      },
      [rows, m, runs, browser.version()] as const,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--node-only');
  if (i >= 0) {
    const [rows, m, runs] = process.argv.slice(i + 1, i + 4).map(Number);
    process.stdout.write(JSON.stringify(measureFma(rows, m, runs, `Node ${process.version}`)));
    return;
  }
  const rows = Number(arg('rows', '20000'));
  const m = Number(arg('m', '1001'));
  const runs = Number(arg('runs', '5'));
  writeReport('bench-fma', {
    benchmark: 'Gram G and cross A: SIMD128 mul+add kernel vs f64x2.relaxed_madd variant (medians)',
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    when: new Date().toISOString(),
    node: inNode(rows, m, runs),
    chromium: await inChromium(rows, m, runs),
  });
}

runMain(main);
