/**
 * The learning curve while a baseline trains: a plain SVG (a few polylines, well under a
 * millisecond per update), because a Plotly redraw is main-thread work that grows to hundreds of
 * milliseconds on a busy machine and the page must never stall while BPTT runs. When training has
 * ended the Plotly figure (hover, zoom, export) takes its place. Same axes and colours:
 * training time (s) against one-step MSE on a log scale; test solid, train dotted; the sampled RNN
 * as a star; 10⁻² and 10⁻³ dashed.
 */
import type { BpttCurvePoint } from '../../run/bptt/result';
import { BPTT_THRESHOLDS } from '../../run/bptt/result';
import type { BpttCell } from '../../run/bptt/settings';
import { formatSig } from '../format';
import { COLORS } from '../plots/palette';
import { CELL_COLORS, CELL_LABELS } from './figure';

const W = 640;
const H = 296;
const M = { left: 64, right: 16, top: 30, bottom: 40 };

export function LiveCurve({
  curves,
  sampled,
  budget,
}: {
  curves: Partial<Record<BpttCell, BpttCurvePoint[]>>;
  sampled: { trainingS: number; testMse: number } | null;
  budget: number;
}) {
  const ys = Object.values(curves).flatMap((c) => c!.flatMap((p) => [p.trainMse, p.testMse]));
  const finite = ys.filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.floor(Math.log10(Math.min(1e-4, sampled?.testMse || 1, ...finite)) - 0.3);
  const hi = Math.max(1, Math.ceil(Math.log10(Math.max(1, ...finite)) + 0.1));
  const tMax = Math.max(budget, sampled?.trainingS ?? 0) * 1.04;
  const x = (t: number) => M.left + (t / tMax) * (W - M.left - M.right);
  const y = (v: number) =>
    M.top + ((hi - Math.log10(Math.max(v, 10 ** lo))) / (hi - lo)) * (H - M.top - M.bottom);
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const decades: number[] = [];
  for (let e = hi; e >= lo; e -= step) decades.push(e);
  const tStep = tMax > 60 ? 20 : tMax > 20 ? 5 : tMax > 8 ? 2 : 1;
  const ticks: number[] = [];
  for (let t = 0; t <= tMax; t += tStep) ticks.push(t);
  const line = (c: BpttCurvePoint[], key: 'trainMse' | 'testMse') =>
    c
      .filter((p) => p[key] > 0 && Number.isFinite(p[key]))
      .map((p) => `${x(p.t).toFixed(1)},${y(p[key]).toFixed(1)}`)
      .join(' ');
  return (
    <figure className="plot-cell analysis-wide bptt-live" data-testid="bptt-live-curve">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label="One-step MSE while training, log scale, against training time"
      >
        <text x={W / 2} y={16} textAnchor="middle" className="bptt-live-title">
          One-step MSE while training (live)
        </text>
        {decades.map((e) => (
          <g key={e}>
            <line x1={M.left} x2={W - M.right} y1={y(10 ** e)} y2={y(10 ** e)} className="grid" />
            <text x={M.left - 6} y={y(10 ** e) + 4} textAnchor="end">
              10{e < 0 ? '⁻' : ''}
              {String(Math.abs(e))
                .split('')
                .map((ch) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(ch)])
                .join('')}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={H - M.bottom + 16} textAnchor="middle">
            {t}
          </text>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">
          training time (s)
        </text>
        {BPTT_THRESHOLDS.map((t) => (
          <line
            key={t}
            x1={M.left}
            x2={W - M.right}
            y1={y(t)}
            y2={y(t)}
            stroke={COLORS.threshold}
            strokeDasharray="6 4"
          />
        ))}
        {(['lstm', 'gru'] as const).map((cell) => {
          const c = curves[cell];
          if (!c?.length) return null;
          return (
            <g key={cell}>
              <polyline
                points={line(c, 'trainMse')}
                fill="none"
                stroke={CELL_COLORS[cell]}
                strokeWidth={1.5}
                strokeDasharray="2 3"
              />
              <polyline
                points={line(c, 'testMse')}
                fill="none"
                stroke={CELL_COLORS[cell]}
                strokeWidth={2.5}
              />
              <text
                x={Math.min(x(c.at(-1)!.t) + 6, W - M.right - 40)}
                y={y(c.at(-1)!.testMse) - 6}
                fill={CELL_COLORS[cell]}
                className="bptt-live-label"
              >
                {CELL_LABELS[cell]}
              </text>
            </g>
          );
        })}
        {sampled && sampled.testMse > 0 && (
          <g>
            <text
              x={x(sampled.trainingS)}
              y={y(sampled.testMse) + 5}
              textAnchor="middle"
              fill={COLORS.relift}
              fontSize={18}
            >
              ★
            </text>
            <text
              x={x(sampled.trainingS) + 12}
              y={y(sampled.testMse) + 4}
              fill={COLORS.relift}
              className="bptt-live-label"
            >
              sampled RNN: {formatSig(sampled.testMse)} in {formatSig(sampled.trainingS)} s
            </text>
          </g>
        )}
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} className="axis" />
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="axis" />
      </svg>
      <figcaption className="bptt-live-caption">
        Test trajectories solid, training windows dotted; dashed: 10⁻² and 10⁻³. The interactive
        figure replaces this sketch when training ends.
      </figcaption>
    </figure>
  );
}
