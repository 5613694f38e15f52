/**
 * "Gradient baselines": the claim of the method, live — an LSTM and a GRU trained by
 * backpropagation through time (TensorFlow.js, in a worker of their own) on exactly this run's
 * training pairs, with a live learning curve and the same forecasts and metrics as the sampled
 * RNN next to it (src/state/bptt.ts). A closed <details> until opened: TensorFlow.js is fetched
 * only then.
 */
import { useMemo, useState } from 'react';
import { sampledTrainingS } from '../../run/bptt/compare';
import { BPTT_DEFAULTS } from '../../run/bptt/settings';
import {
  BUDGET_RANGE,
  startBptt,
  stopBptt,
  useBptt,
  warmBptt,
  type BpttChoice,
} from '../../state/bptt';
import { useStore } from '../../state/store';
import { formatSig, formatVpt } from '../format';
import { AnalysisFigure } from '../analysis/AnalysisFigure';
import { curveFigure } from './figure';
import { LiveCurve } from './LiveCurve';
import { baselineRows } from './table';
import './baselines.css';

const CHOICES: Array<{ value: BpttChoice; label: string }> = [
  { value: 'lstm', label: 'LSTM' },
  { value: 'gru', label: 'GRU' },
  { value: 'both', label: 'LSTM, then GRU' },
];

const STATUS_TEXT: Record<string, string> = {
  idle: '',
  loading: 'loading TensorFlow.js…',
  training: 'training',
  forecasting: 'forecasting from the test starts…',
  done: 'done',
  error: 'failed',
};

function BudgetInput({ disabled }: { disabled: boolean }) {
  const budget = useBptt((s) => s.budget);
  const [text, setText] = useState(String(budget));
  const [bad, setBad] = useState<string | null>(null);
  return (
    <label className="bptt-budget">
      budget{' '}
      <input
        type="number"
        inputMode="decimal"
        min={BUDGET_RANGE.min}
        max={BUDGET_RANGE.max}
        step={5}
        value={text}
        disabled={disabled}
        data-testid="bptt-budget"
        aria-invalid={bad !== null}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && v >= BUDGET_RANGE.min && v <= BUDGET_RANGE.max) {
            setBad(null);
            useBptt.getState().setBudget(v);
          } else
            setBad(
              `budget must be a number of seconds in [${BUDGET_RANGE.min}, ${BUDGET_RANGE.max}]`,
            );
        }}
      />{' '}
      s of training
      {bad && (
        <span className="bptt-bad" role="alert">
          {bad}
        </span>
      )}
    </label>
  );
}

function StatusLine() {
  const phase = useBptt((s) => s.phase);
  const cell = useBptt((s) => s.cell);
  const backend = useBptt((s) => s.backend);
  const budget = useBptt((s) => s.budget);
  const curves = useBptt((s) => s.curves);
  const stopAt = useBptt((s) => s.stopAt);
  const endedAt = useBptt((s) => s.trainingEndedAt);
  const error = useBptt((s) => s.error);
  const last = cell ? curves[cell]?.at(-1) : undefined;
  let text = STATUS_TEXT[phase];
  if (phase === 'training' && last && cell)
    text = `training the ${cell.toUpperCase()}: ${formatSig(last.t)} of ${budget} s, epoch ${last.epoch}, test MSE ${formatSig(last.testMse)}`;
  if (phase === 'error') text = `failed: ${error}`;
  return (
    <p
      className="bptt-status"
      data-testid="bptt-status"
      data-state={phase}
      data-stop-at={stopAt ?? ''}
      data-ended-at={endedAt ?? ''}
      role={phase === 'error' ? 'alert' : 'status'}
    >
      {text}
      {backend && phase !== 'idle' && (
        <span className="bptt-backend"> · TensorFlow.js {backend} backend</span>
      )}
    </p>
  );
}

function Table() {
  const run = useStore((s) => s.result);
  const results = useBptt((s) => s.results);
  const of = useBptt((s) => s.of);
  const rows = useMemo(
    () => (run && of === run ? baselineRows(run, results) : []),
    [run, of, results],
  );
  if (!run || rows.length === 0) return null;
  const thresholds = rows[0].reach.map((r) => r.mse);
  return (
    <div className="bptt-table-wrap">
      <table className="bptt-table" data-testid="bptt-table">
        <caption>
          Same training pairs, same {run.config.ntest} test starts, same metrics.
          &ldquo;Reaches&rdquo;: training time until the one-step test MSE first fell to the level,
          and how many times the sampled RNN&rsquo;s training time that is (ratio at equal one-step
          MSE).
        </caption>
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">training time</th>
            <th scope="col">one-step test MSE</th>
            <th scope="col">rollout MSE ({run.config.horizon} steps)</th>
            <th scope="col">VPT</th>
            {thresholds.map((t) => (
              <th scope="col" key={t}>
                reaches {formatSig(t)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`bptt-row-${r.id}`} className={`bptt-row-${r.id}`}>
              <th scope="row">
                {r.label}
                <span className="bptt-note">{r.note}</span>
              </th>
              <td data-testid={`bptt-${r.id}-training`} data-value={r.trainingS}>
                {formatSig(r.trainingS)} s
              </td>
              <td data-testid={`bptt-${r.id}-testMse`} data-value={r.testMse}>
                {formatSig(r.testMse)}
              </td>
              <td data-testid={`bptt-${r.id}-rolloutMse`} data-value={r.rolloutMse ?? ''}>
                {r.rolloutMse === null ? 'diverged' : formatSig(r.rolloutMse)}
              </td>
              <td data-testid={`bptt-${r.id}-vpt`} data-value={r.vpt}>
                {formatVpt(r.vpt, null, false)}
              </td>
              {r.reach.map((x) => (
                <td
                  key={x.mse}
                  data-testid={`bptt-${r.id}-reach-${x.mse}`}
                  data-value={x.s ?? ''}
                  data-ratio={x.ratio && x.ratio.kind !== 'sampledMisses' ? x.ratio.ratio : ''}
                  data-ratio-kind={x.ratio?.kind ?? ''}
                >
                  {x.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The learning curve: a light SVG until training has ended (src/ui/baselines/LiveCurve.tsx — a
 * Plotly redraw per point would be main-thread work during training), then the Plotly figure.
 */
function Curve() {
  const run = useStore((s) => s.result);
  const curves = useBptt((s) => s.curves);
  const budget = useBptt((s) => s.budget);
  const phase = useBptt((s) => s.phase);
  const ended = phase === 'forecasting' || phase === 'done' || phase === 'error';
  const live = !ended || (!curves.lstm && !curves.gru);
  const sampled = useMemo(
    () => (run ? { trainingS: sampledTrainingS(run), testMse: run.metrics.testMse } : null),
    [run],
  );
  const figure = useMemo(
    () =>
      curveFigure(
        curves,
        run ? { trainingS: sampledTrainingS(run), testMse: run.metrics.testMse } : null,
        budget,
      ),
    [curves, run, budget],
  );
  if (live) return <LiveCurve curves={curves} sampled={sampled} budget={budget} />;
  return (
    <AnalysisFigure
      id="bptt-curve"
      figure={figure}
      wide
      caption="One-step MSE of the gradient-trained network on the test trajectories (**solid**) and on training windows (**dotted**), against training time (evaluations not counted), log scale. The **star** is the sampled RNN of this run: its one-step test MSE after its whole training (sampling + least squares). Dashed: 10⁻² and 10⁻³."
    />
  );
}

export function BaselinesPanel() {
  const result = useStore((s) => s.result);
  const runStatus = useStore((s) => s.status);
  const phase = useBptt((s) => s.phase);
  const choice = useBptt((s) => s.choice);
  const [opened, setOpened] = useState(false);
  if (!result || result.family !== 'free') return null;
  const busy = phase === 'loading' || phase === 'training' || phase === 'forecasting';
  return (
    <details
      className="bptt-panel"
      data-testid="bptt-panel"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open && !opened) {
          setOpened(true);
          warmBptt();
        }
      }}
    >
      <summary>
        <h2>Gradient baselines: LSTM and GRU trained by backpropagation through time</h2>
      </summary>
      <p className="bptt-intro">
        The usual way to train a recurrent network: gradient descent (Adam) through time on windows
        of {BPTT_DEFAULTS.window} steps, on exactly the same training pairs as the sampled RNN
        above, then the same forecasts from the same test starts. It runs in the background with
        TensorFlow.js; the page stays usable. Watch how long it needs to reach what least squares
        gave in a second.
      </p>
      <div className="bptt-actions">
        <label>
          network{' '}
          <select
            data-testid="bptt-cell"
            value={choice}
            disabled={busy}
            onChange={(e) => useBptt.getState().setChoice(e.target.value as BpttChoice)}
          >
            {CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <BudgetInput disabled={busy} />
        <button
          type="button"
          className="btn primary"
          data-testid="bptt-train"
          disabled={busy || runStatus === 'running'}
          onClick={() => void startBptt()}
        >
          Train by BPTT
        </button>
        <button
          type="button"
          className="btn"
          data-testid="bptt-stop"
          disabled={phase !== 'training' && phase !== 'loading'}
          onClick={stopBptt}
        >
          Stop
        </button>
      </div>
      <StatusLine />
      {opened && (
        <div className="analysis-grid">
          <Curve />
        </div>
      )}
      <Table />
    </details>
  );
}
