/**
 * The closed loop of a controlled run as CSV: one row per step, model time, the controlled and
 * the uncontrolled true states, the input applied from that step on (empty on the last row) and
 * the stage costs ‖x − goal‖² + r·u².
 */
import type { ClosedLoop } from '../../method/closedLoop';
import { cell, field } from './csv';

export function closedLoopCsv(
  loop: ClosedLoop,
  stateNames: string[],
  inputNames: string[],
): string {
  const d = stateNames.length;
  const p = inputNames.length;
  const header = [
    'step',
    't [time]',
    ...stateNames.map((n) => `${n}_controlled [1]`),
    ...stateNames.map((n) => `${n}_uncontrolled [1]`),
    ...inputNames.map((n) => `${n} [u]`),
    'stage_cost_controlled [1]',
    'stage_cost_uncontrolled [1]',
  ];
  const lines = [header.map(field).join(',')];
  for (let k = 0; k <= loop.steps; k++) {
    const last = k === loop.steps;
    const row = [String(k), String(+(k * loop.dt).toPrecision(12))];
    for (let i = 0; i < d; i++) row.push(cell(loop.x[k * d + i]));
    for (let i = 0; i < d; i++) row.push(cell(loop.free[k * d + i]));
    for (let i = 0; i < p; i++) row.push(last ? '' : cell(loop.u[k * p + i]));
    row.push(last ? '' : cell(loop.stageCost[k]), last ? '' : cell(loop.freeStageCost[k]));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}
