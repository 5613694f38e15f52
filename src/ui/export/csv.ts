/**
 * The test data and both forecasts as CSV: one row per test start and time step, a time column,
 * and for every state component its true value and the two forecasts, then the normalised errors.
 * Units in the header in brackets: model time and nondimensional states ("[1]") for the simulated
 * systems, days and physical units ("temp_max_true [°C]") for measured series.
 * Controlled runs add the input u_t applied from that step on (empty on the last step) and the
 * same model's forecast with B = 0.
 * Non-finite forecast values after a divergence are written as NaN / Infinity (pandas and numpy
 * read both).
 */
import type { RunResult } from '../../run/result';

export function cell(x: number): string {
  if (Number.isFinite(x)) return String(x);
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/**
 * A header field (names come from the user's file): a field a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe (OWASP's CSV
 * injection advice), then it is quoted when CSV needs it. Numbers are written by `cell`, never
 * through here, so a negative value stays a number.
 */
export function field(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV text (header line, then count × (horizon+1) rows). */
export function testCsv(r: RunResult): string {
  const { dim: d, dt, stateNames, test } = r;
  const c = r.control;
  const steps = test.horizon + 1;
  // The truth may run past the horizon: its own stride.
  const truthSteps = test.truth.length / (test.count * d);
  const unit = (i: number) => r.series?.units[i] || '1';
  const timeUnit = r.series ? r.series.step : 'time';
  const header = [
    'test',
    'step',
    `t [${timeUnit}]`,
    ...stateNames.map((n, i) => `${n}_true [${unit(i)}]`),
    ...stateNames.map((n, i) => `${n}_rnn [${unit(i)}]`),
    ...stateNames.map((n, i) => `${n}_linear [${unit(i)}]`),
    'error_rnn [1]',
    'error_linear [1]',
    ...(c ? c.inputNames.map((n) => `${n} [u]`) : []),
    ...(c ? stateNames.map((n, i) => `${n}_rnn_B0 [${unit(i)}]`) : []),
  ];
  const lines = [header.map(field).join(',')];
  for (let j = 0; j < test.count; j++) {
    for (let t = 0; t < steps; t++) {
      const row = [String(j), String(t), String(+(t * dt).toPrecision(12))];
      const tr = (j * truthSteps + t) * d;
      const fc = (j * steps + t) * d;
      for (let i = 0; i < d; i++) row.push(cell(test.truth[tr + i]));
      for (let i = 0; i < d; i++) row.push(cell(test.relift[fc + i]));
      for (let i = 0; i < d; i++) row.push(cell(test.linear[fc + i]));
      row.push(cell(test.errorRelift[j * steps + t]), cell(test.errorLinear[j * steps + t]));
      if (c) {
        for (let i = 0; i < c.p; i++)
          row.push(t < test.horizon ? cell(c.prediction.u[t * c.p + i]) : '');
        for (let i = 0; i < d; i++) row.push(cell(c.prediction.noB[fc + i]));
      }
      lines.push(row.join(','));
    }
  }
  return lines.join('\n') + '\n';
}
