/**
 * The CLI's JSON document (ARCHITECTURE.md "CLI JSON"): plain numbers and arrays, no typed arrays.
 * `full` adds the test trajectories and both forecasts, nested as [test][step][component], and for
 * weather/CSV runs the `series` targets with every forecast at each horizon, for controlled runs
 * the `control` input signal, closed loop and free run. Controlled runs always carry
 * `controllerMs` (design, per-step median/max and loop wall times; not part of `metrics`).
 */
import type { ControlResult } from '../run/result';
import type { RunResult, SeriesResult } from '../run/result';

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

/** A measured series' targets and forecasts: [target][variable] arrays, per horizon for rnn/persistence. */
function seriesJson(s: SeriesResult): Record<string, unknown> {
  const rows = (flat: Float64Array) => nest(flat, 1, s.count, s.variables.length)[0];
  return {
    title: s.title,
    split: s.splitText,
    variables: s.variables,
    units: s.units,
    horizons: s.horizons,
    dates: s.dates,
    rows: Array.from(s.rows),
    truth: rows(s.truth),
    rnn: s.rnn.map(rows),
    persistence: s.persistence.map(rows),
    climatology: rows(s.climatology),
  };
}

/** A controlled run's input signal, closed loop and free run: [step][component] arrays. */
function controlJson(c: ControlResult): Record<string, unknown> {
  const L = c.closedLoop;
  const d = L.start.length;
  const rows = (flat: Float64Array, width: number) => nest(flat, 1, flat.length / width, width)[0];
  return {
    inputNames: c.inputNames,
    B: rows(c.B, c.p),
    prediction: {
      kind: c.prediction.kind,
      label: c.prediction.label,
      u: rows(c.prediction.u, c.p),
    },
    closedLoop: {
      dt: L.dt,
      start: Array.from(L.start),
      goal: Array.from(L.goal),
      window: L.window,
      x: rows(L.x, d),
      free: rows(L.free, d),
      u: rows(L.u, c.p),
      stageCost: Array.from(L.stageCost),
      freeStageCost: Array.from(L.freeStageCost),
      saturatedSteps: L.saturatedSteps,
    },
  };
}

export function resultToJson(r: RunResult, full: boolean): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    config: r.config,
    query: r.query,
    timingsMs: r.timingsMs,
    metrics: r.metrics,
    eigenvalues: {
      re: Array.from(r.eigenvalues.re),
      im: Array.from(r.eigenvalues.im),
      ...(r.eigenvalues.residual ? { residual: Array.from(r.eigenvalues.residual) } : {}),
    },
    spectrumRank: r.spectrumRank,
    podResidual: r.podResidual,
    ridge: r.ridge,
    stages: r.stages,
    warnings: r.warnings,
    divergences: r.divergences,
    kernel: r.kernel,
    threads: r.threads,
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
    if (r.series) doc.series = seriesJson(r.series);
    if (r.control) doc.control = controlJson(r.control);
  }
  if (r.control) doc.controllerMs = r.control.closedLoop.timing;
  return doc;
}
