/**
 * Records the golden results: metrics and eigenvalues of the default query of every system and of
 * several non-default links, exactly as the CLI writes them. The restructured engine must give
 * byte-identical text for every entry (tests/unit/golden.test.ts in Node, tests/e2e/golden.spec.ts
 * in Chromium). Run once before changing the engine; never re-record to make a test pass.
 *
 *   npx tsx scripts/record-goldens.ts   → tests/golden/results.json
 */
import { writeFileSync } from 'node:fs';
import { GOLDEN_CASES, goldenOf } from '../tests/golden/cases';

const entries = GOLDEN_CASES.map((c) => {
  const t0 = performance.now();
  const g = goldenOf(c);
  process.stderr.write(`${c.query}: ${Math.round(performance.now() - t0)} ms\n`);
  return g;
});
writeFileSync('tests/golden/results.json', JSON.stringify(entries, null, 1) + '\n');
