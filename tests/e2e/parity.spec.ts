import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { openApp, METRIC_NAMES } from './helpers';

const QUERIES = [
  'v=2&sys=vanderpol&width=100&ntraj=20&len=100&horizon=100&seed=3',
  'v=2&sys=lorenz&width=150&len=2000&horizon=300&ntest=5&seed=11',
];

for (const query of QUERIES) {
  test(`metrics equal the CLI's JSON byte for byte: ${query}`, async ({ page }) => {
    test.setTimeout(180_000);
    const stdout = execFileSync('npm', ['run', '--silent', 'srnn', '--', query], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const cli = JSON.parse(stdout) as { metrics: Record<string, unknown>; query: string };
    // The exact text of each number in the CLI's output (not a re-serialisation of it).
    const metricsText = stdout.slice(stdout.indexOf('"metrics":'));
    const rawText = (name: string) => new RegExp(`"${name}":([^,}\\]]+)`).exec(metricsText)?.[1];

    await openApp(page, query);
    await expect(page).toHaveURL(
      new RegExp(`\\?${cli.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
    for (const name of METRIC_NAMES) {
      const cell = page.getByTestId(`metric-${name}`);
      if (cli.metrics[name] === null) {
        await expect(cell).toHaveCount(0);
        continue;
      }
      expect(typeof cli.metrics[name], name).toBe('number');
      await expect(cell, name).toHaveAttribute('data-value', rawText(name)!);
    }
  });
}
