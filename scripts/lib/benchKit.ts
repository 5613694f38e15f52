/**
 * What the benchmark scripts share: their `--name value` arguments and, for the browser benches,
 * a `vite preview` server of the built app (reused when one already listens at the address).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

/** The value after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/**
 * A preview server of dist/ at `baseUrl`: null when one is already reachable there, else the
 * started child process (detached: stop it with `process.kill(-child.pid)`).
 */
export async function ensureServer(baseUrl: string): Promise<ChildProcess | null> {
  if (await reachable(baseUrl)) return null;
  if (!existsSync('dist/index.html')) throw new Error('no dist/: run `npx vite build` first');
  const port = new URL(baseUrl).port || '4173';
  const child = spawn(
    'npx',
    ['vite', 'preview', '--port', port, '--strictPort', '--host', '127.0.0.1'],
    { stdio: 'ignore', detached: true },
  );
  for (let i = 0; i < 100; i++) {
    if (await reachable(baseUrl)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not come up at ${baseUrl}`);
}

/** Writes a bench's JSON report to bench-results/<name>.json and prints it. */
export function writeReport(name: string, doc: unknown): void {
  const json = JSON.stringify(doc, null, 2);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(`bench-results/${name}.json`, json + '\n');
  process.stdout.write(json + '\n');
}

/** Runs an async bench's main, printing a failure as one line and exiting 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

/** Debian's Chromium when installed (the machine's browser), else Playwright's own. */
export function launchChromium(): Promise<Browser> {
  const path = '/usr/bin/chromium';
  return chromium.launch(
    existsSync(path)
      ? {
          executablePath: path,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
        }
      : {},
  );
}
