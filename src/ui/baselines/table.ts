/**
 * Pure rows of the gradient baselines' table: the sampled network of the run next to each trained
 * baseline — training time, one-step test MSE, rollout MSE, VPT — and, per threshold, the
 * baseline's time to reach it with the ratio of training times at equal one-step MSE
 * (src/run/bptt/compare.ts).
 */
import { compareWithSampled } from '../../run/bptt/compare';
import type { BpttResult } from '../../run/bptt/result';
import type { BpttCell } from '../../run/bptt/settings';
import type { RunResult } from '../../run/result';
import type { SpeedRatio } from '../../method/learningCurve';
import { formatFactor, formatSig } from '../format';
import { CELL_LABELS } from './figure';

export interface BaselineRow {
  id: 'sampled' | BpttCell;
  label: string;
  trainingS: number;
  testMse: number;
  rolloutMse: number | null;
  vpt: number;
  /** Per threshold: the time (s) or null, the ratio, and the text shown. */
  reach: Array<{ mse: number; s: number | null; ratio: SpeedRatio | null; text: string }>;
  note: string;
}

function ratioText(r: SpeedRatio): string {
  if (r.kind === 'ratio') return `${formatFactor(r.ratio)} the sampled time`;
  if (r.kind === 'atLeast') return `> ${formatFactor(r.ratio)}`;
  return 'sampled RNN does not reach it';
}

export function baselineRows(
  run: RunResult,
  results: Partial<Record<BpttCell, BpttResult>>,
): BaselineRow[] {
  const rows: BaselineRow[] = [];
  for (const cell of ['lstm', 'gru'] as const) {
    const b = results[cell];
    if (!b) continue;
    const cmp = compareWithSampled(b, run);
    if (rows.length === 0)
      rows.push({
        id: 'sampled',
        label: 'sampled RNN (this run)',
        ...cmp.sampled,
        reach: cmp.thresholds.map((t) => ({
          mse: t.mse,
          s: cmp.sampled.testMse <= t.mse ? cmp.sampled.trainingS : null,
          ratio: null,
          text:
            cmp.sampled.testMse <= t.mse
              ? `≤ ${formatSig(cmp.sampled.trainingS)} s`
              : 'not reached',
        })),
        note: `width ${run.config.width}, ${run.config.sampler === 'swim' ? 'SWIM' : 'random features'}, least squares`,
      });
    rows.push({
      id: cell,
      label: `${CELL_LABELS[cell]} (BPTT)`,
      trainingS: b.trainedS,
      testMse: b.metrics.testMse,
      rolloutMse: b.metrics.rolloutMse,
      vpt: b.metrics.vpt,
      reach: cmp.thresholds.map((t) => ({
        mse: t.mse,
        s: t.baselineS,
        ratio: t.ratio,
        text:
          t.baselineS === null
            ? `not within ${formatSig(b.trainedS)} s (${ratioText(t.ratio)})`
            : `${formatSig(t.baselineS)} s (${ratioText(t.ratio)})`,
      })),
      note: `${b.settings.units} units, ${b.parameters} weights, Adam ${b.settings.lr}, windows of ${b.settings.window}, ${b.steps} steps (${formatSig(b.epochs)} epochs), ${b.backend}${b.stoppedBy === 'stop' ? ', stopped' : ''}`,
    });
  }
  return rows;
}
