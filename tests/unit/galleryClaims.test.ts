import { describe, expect, it } from 'vitest';
import { resultToJson } from '../../src/cli/resultJson';
import { weatherSource } from '../../src/cli/seriesSource';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';
import { LESSONS } from '../../src/ui/gallery/lessons';

/**
 * The numbers the gallery's notes quote (src/ui/gallery/lessons.ts `facts`) are what the runs
 * give: each query is run as the CLI runs it and the number at each fact's path is compared with
 * the recorded value (relative 1e-6: the runs are deterministic, the recorded values rounded to 7+
 * digits). `eigAngle.k` is the argument of the k-th eigenvalue of K with |λ| > 0.99 in the upper
 * half plane, by increasing angle (k = 0 is λ = 1).
 */
function valueAt(json: Record<string, unknown>, path: string): number {
  if (path.startsWith('eigAngle.')) {
    const k = Number(path.split('.')[1]);
    const { re, im } = json.eigenvalues as { re: number[]; im: number[] };
    const angles = re
      .map((r, i) => ({ m: Math.hypot(r, im[i]), a: Math.atan2(im[i], r) }))
      .filter((e) => e.m > 0.99 && e.a >= 0)
      .map((e) => e.a)
      .sort((a, b) => a - b);
    return angles[k];
  }
  let v: unknown = json;
  for (const part of path.split('.')) v = (v as Record<string, unknown>)[part];
  return v as number;
}

const queries = [...new Set(LESSONS.flatMap((l) => l.facts.map((f) => f.query)))];

describe('lesson gallery: the notes quote measured numbers', () => {
  for (const q of queries) {
    it(
      q,
      () => {
        const { config, errors } = parseQuery(q, 'strict');
        expect(errors).toEqual([]);
        const series = config.sys === 'weather' ? weatherSource() : undefined;
        const json = resultToJson(runPipeline(config, { series }), false) as unknown as Record<
          string,
          unknown
        >;
        for (const l of LESSONS)
          for (const f of l.facts.filter((x) => x.query === q)) {
            const got = valueAt(json, f.path);
            expect(Number.isFinite(got), `${l.id} ${f.path}`).toBe(true);
            const tol = 1e-6 * Math.max(Math.abs(f.value), 1e-300);
            expect(
              Math.abs(got - f.value),
              `${l.id}: ${f.path} = ${got}, note says ${f.text}`,
            ).toBeLessThanOrEqual(f.value === 0 ? 0 : tol);
          }
      },
      120_000,
    );
  }
});
