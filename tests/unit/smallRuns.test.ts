import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';

/**
 * Valid but tiny settings (one trajectory of 2–5 pairs at width 200: K has rank ≤ 5 out of 201)
 * used to end the run with "Hessenberg QR did not converge". They finish with every eigenvalue
 * finite, and the run says why the spectrum needed the solver's rescue phase.
 */
describe('tiny training sets still give a spectrum', () => {
  for (const q of [
    'sys=vanderpol&ntraj=1&len=2',
    'sys=vanderpol&ntraj=1&len=3',
    'sys=vanderpol&ntraj=1&len=5',
    'sys=duffing&ntraj=1&len=2',
  ]) {
    it(
      q,
      () => {
        const r = runPipeline(parseQuery(q, 'strict').config);
        expect(r.eigenvalues.re).toHaveLength(201);
        expect(Array.from(r.eigenvalues.re).every(Number.isFinite)).toBe(true);
        expect(Array.from(r.eigenvalues.im).every(Number.isFinite)).toBe(true);
        if (r.warnings.some((w) => /rescue phase/.test(w)))
          expect(r.warnings.join('\n')).toMatch(/nearly singular/);
      },
      60_000,
    );
  }
});
