/**
 * The CLI's JSON document (ARCHITECTURE.md "CLI JSON"): plain numbers and arrays, no typed arrays.
 * `full` adds the test trajectories and both forecasts, nested as [test][step][component].
 */
import type { RunResult } from '../core/result';

function nest(
  flat: Float64Array,
  count: number,
  steps: number,
  d: number,
): Array<Array<Array<number | null>>> {
  const out: Array<Array<Array<number | null>>> = [];
  for (let j = 0; j < count; j++) {
    const traj: Array<Array<number | null>> = [];
    for (let t = 0; t < steps; t++) {
      const row: Array<number | null> = [];
      for (let i = 0; i < d; i++) {
        const v = flat[(j * steps + t) * d + i];
        row.push(Number.isFinite(v) ? v : null); // JSON has no NaN: a diverged step is null
      }
      traj.push(row);
    }
    out.push(traj);
  }
  return out;
}

export function resultToJson(r: RunResult, full: boolean): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    config: r.config,
    query: r.query,
    timingsMs: r.timingsMs,
    metrics: r.metrics,
    eigenvalues: { re: Array.from(r.eigenvalues.re), im: Array.from(r.eigenvalues.im) },
    spectrumRank: r.spectrumRank,
    warnings: r.warnings,
    divergences: r.divergences,
    kernel: r.kernel,
    solveMethod: r.solveMethod,
  };
  if (full) {
    const steps = r.test.horizon + 1;
    const truthSteps = r.test.truth.length / (r.test.count * r.dim);
    const truth = nest(r.test.truth, r.test.count, truthSteps, r.dim).map((t) => t.slice(0, steps));
    doc.test = {
      dt: r.dt,
      stateNames: r.stateNames,
      truth,
      relift: nest(r.test.relift, r.test.count, steps, r.dim),
      linear: nest(r.test.linear, r.test.count, steps, r.dim),
    };
  }
  return doc;
}
