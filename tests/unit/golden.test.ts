import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, goldenOf, type Golden } from '../golden/cases';

/**
 * Every golden link (tests/golden/cases.ts, recorded by scripts/record-goldens.ts before the engine
 * was restructured) still gives byte-identical metrics and eigenvalues: the JSON text is compared,
 * so a change in the last bit of any number fails.
 */
const recorded = JSON.parse(readFileSync('tests/golden/results.json', 'utf8')) as Golden[];

describe('golden results: same link, same bytes', () => {
  it('covers every recorded case', () => {
    expect(recorded.map((g) => g.query)).toEqual(GOLDEN_CASES.map((c) => c.query));
  });
  for (const g of recorded) {
    it(
      g.query,
      () => {
        const now = goldenOf(g);
        // Every recorded metric keeps its exact JSON text (metrics added later may join).
        const was = JSON.parse(g.metrics) as Record<string, unknown>;
        const is = JSON.parse(now.metrics) as Record<string, unknown>;
        for (const key of Object.keys(was))
          expect(JSON.stringify(is[key]), key).toBe(JSON.stringify(was[key]));
        expect(now.eigenvalues).toBe(g.eigenvalues);
      },
      60_000,
    );
  }
});
