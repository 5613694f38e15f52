/**
 * "Grow the network" (issue 12, METHOD.md §13): the fit with the first k = 1, 2, 3, 4, 6, … M
 * neurons, refitted from the run's cached Gram sums in a worker (src/state/grow.ts), animated: the
 * error-against-k curve grows frame by frame and the spectrum of K_k morphs as neurons are added
 * (Play/Pause, a slider over the frames, slow motion).
 *
 * Self-contained (reads the result on screen from the store), so it can be embedded anywhere.
 * Test hooks on the root: data-frame, data-width (k shown), data-m (M), data-steps (frames),
 * data-train-mse / data-test-mse of the frame at full precision, data-playing; each figure's
 * container gets data-revision = frame + 1 once that frame is drawn.
 */
import { useEffect, useMemo } from 'react';
import type { RunResult } from '../../../run/result';
import {
  cancelGrow,
  GROW_SPEEDS,
  pauseGrow,
  playGrow,
  setGrowFrame,
  setGrowSpeed,
  startGrow,
  useGrow,
} from '../../../state/grow';
import { useStore } from '../../../state/store';
import { formatSig } from '../../format';
import { ExplainFigure } from '../ExplainFigure';
import { growErrorFigure, growSpectrumFigure, monotoneReport } from './growFigures';
import '../explain.css';

export function GrowView({ result: given }: { result?: RunResult } = {}) {
  const fromStore = useStore((s) => s.result);
  const result = given ?? fromStore;
  const of = useGrow((s) => s.of);
  const grow = useGrow((s) => s.grow);
  const running = useGrow((s) => s.running);
  const progress = useGrow((s) => s.progress);
  const error = useGrow((s) => s.error);
  const frame = useGrow((s) => s.frame);
  const playing = useGrow((s) => s.playing);
  const speedMs = useGrow((s) => s.speedMs);
  const mine = of === result && grow !== null;
  // Computed when the view opens (or a new result arrives while it is open).
  useEffect(() => {
    const s = useGrow.getState();
    if (result && !(s.of === result && (s.grow || s.running || s.error))) startGrow();
  }, [result]);
  const errorFig = useMemo(() => (mine ? growErrorFigure(grow, frame) : null), [mine, grow, frame]);
  const spectrumFig = useMemo(
    () => (mine ? growSpectrumFigure(grow, frame) : null),
    [mine, grow, frame],
  );
  const report = useMemo(() => (mine ? monotoneReport(grow) : null), [mine, grow]);
  if (!result) return null;
  const step = mine ? grow.steps[frame] : null;
  const last = mine ? grow.steps.length - 1 : 0;
  return (
    <section
      className="explain-view"
      aria-label="Grow the network"
      data-testid="grow-view"
      data-frame={mine ? frame : ''}
      data-width={step?.width ?? ''}
      data-m={mine ? grow.M : ''}
      data-steps={mine ? grow.steps.length : ''}
      data-train-mse={step?.trainMse ?? ''}
      data-test-mse={step?.testMse ?? ''}
      data-playing={playing ? 'true' : 'false'}
      data-grow-ms={mine ? grow.timingsMs.grow : ''}
    >
      <h3>
        Grow the network{' '}
        <span className="analysis-sub">
          the same neurons, the first k of them: refitted from the stored sums, no new pass over the
          data
        </span>
      </h3>
      {running && (
        <div className="analysis-progress" data-testid="grow-progress">
          <span className="analysis-track">
            <span
              className="analysis-fill"
              style={{ transform: `scaleX(${progress?.fraction ?? 0})` }}
            />
          </span>
          <span className="analysis-label">
            {progress?.phase === 'grow' ? 'refitting' : (progress?.phase ?? 'starting')} ·{' '}
            {Math.round((progress?.fraction ?? 0) * 100)}%
          </span>
          <button type="button" className="btn small" onClick={cancelGrow}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p className="analysis-error" role="alert">
          Growing failed: {error}{' '}
          <button type="button" className="btn small" onClick={startGrow}>
            Retry
          </button>
        </p>
      )}
      {mine && step && errorFig && spectrumFig && report && (
        <>
          <div className="explain-controls">
            <button
              type="button"
              className="btn small primary"
              data-testid="grow-play"
              onClick={playing ? pauseGrow : playGrow}
            >
              {playing ? '❚❚ Pause' : frame === last ? '↺ Replay' : '▶ Play'}
            </button>
            <input
              type="range"
              min={0}
              max={last}
              step={1}
              value={frame}
              data-testid="grow-slider"
              aria-label="number of neurons"
              onChange={(e) => {
                pauseGrow();
                setGrowFrame(Number(e.target.value));
              }}
            />
            <span className="explain-readout" data-testid="grow-readout">
              k = <b>{step.width}</b> of {grow.M} neurons · train MSE {formatSig(step.trainMse, 3)}{' '}
              · test MSE {formatSig(step.testMse, 3)}
              {step.eig ? ` · max|λ| ${formatSig(step.radius, 5)}` : ''}
            </span>
            <label>
              speed{' '}
              <select
                value={speedMs}
                data-testid="grow-speed"
                onChange={(e) => setGrowSpeed(Number(e.target.value))}
              >
                {GROW_SPEEDS.map((s) => (
                  <option key={s.ms} value={s.ms}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="analysis-grid explain-grid">
            <ExplainFigure
              id="grow-error"
              figure={errorFig}
              revision={frame + 1}
              caption={`Each frame refits K and C with only the first k neurons (λ = ${formatSig(grow.lambda, 3)} for every k). **Solid**: one-step error of the RNN on the training pairs; **dashed**: on the test trajectories; **dotted**: the least-squares objective J_k, which can never rise when a neuron is added (the old fit is still available, with the new neuron’s weight 0).`}
            />
            <ExplainFigure
              id="grow-spectrum"
              figure={spectrumFig}
              revision={frame + 1}
              caption={`The ${step.width + 1} eigenvalues of K_k (k neurons plus the constant). With few neurons K cannot hold the oscillation; as neurons are added, eigenvalues move out to the **unit circle** at the angles ±ωΔt, ±2ωΔt, … of the limit cycle’s frequency ω, and the rest fall inside (decaying transients).`}
            />
          </div>
          <p className="analysis-note" data-testid="grow-monotone">
            Over all {report.steps + 1} widths the objective J_k rose {report.objectiveRises} times.
            The one-step train MSE fell at{' '}
            {report.trainFrameRises === 0
              ? 'every frame'
              : `all but ${report.trainFrameRises} frames`}{' '}
            of the animation
            {report.trainRises > 0
              ? ` but, one neuron at a time, rose at ${report.trainRises} of ${report.steps} steps (at most +${formatSig(100 * report.worstTrain.ratio, 2)} %, at k = ${report.worstTrain.k}, where it was ${formatSig(report.worstTrain.mse, 2)}): the RNN’s map C·K is the readout of the fitted K, not itself the least-squares one-step map, so only J_k is guaranteed to fall`
              : ', and at every single step'}
            . The test MSE (new data) rose at {report.testRises} single steps
            {report.testFrameRises ? ` and ${report.testFrameRises} frames` : ''}.
            {grow.notes.map((n) => ` ${n}`).join('')}
          </p>
        </>
      )}
    </section>
  );
}
