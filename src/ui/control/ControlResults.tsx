import { useMemo } from 'react';
import { useStore } from '../../state/store';
import { SpectrumPlot } from '../plots/SpectrumPlot';
import { Warnings } from '../Warnings';
import { closedLoopFigure, closedLoopPhaseFigure, costFigure } from './closedLoopFigures';
import { controlView, type ControlView } from './controlData';
import { ControlCell, ControlFigure } from './ControlFigure';
import { ControlMetrics } from './ControlMetrics';
import { InputTable } from './InputTable';
import { predictionErrorFigure, predictionFigure, SHORT_STEPS } from './predictionFigures';
import './control.css';

/** Whether the result on screen is a controlled run (sys = forcedvdp, duffing). */
export function useControlResult(): boolean {
  return useStore((s) => Boolean(s.result?.control && s.result.metrics.control));
}

const drawSpectrum = (v: ControlView) => <SpectrumPlot result={v.r} />;

/**
 * Prediction under unseen inputs: the MSE under every test signal (unless a lesson hides the
 * metrics), the chosen signal's trajectories for one start, and its error over all starts.
 */
function PredictionSection({ v, table }: { v: ControlView; table: boolean }) {
  const n = v.c.prediction.count;
  return (
    <section className="control-section" aria-label="Prediction under an unseen input">
      <h2 className="control-head">
        Prediction under an unseen input: <span>{v.c.prediction.label}</span>
      </h2>
      {table && <InputTable v={v} />}
      <div className="control-plots">
        <ControlFigure
          v={v}
          index={0}
          tall
          testid="plot-prediction"
          make={predictionFigure}
          caption={
            <>
              All models start from the true state and are then driven by the same input u (bottom)
              they never saw in training. <b>B = 0</b> shows what the model predicts if it ignores
              the input; <b>linear lifted</b> iterates z ← Kz + Bu in feature space without
              re-lifting.
            </>
          }
        />
        <ControlFigure
          v={v}
          index={1}
          tall
          testid="plot-prediction-error"
          make={predictionErrorFigure}
          caption={
            <>
              Distance between prediction and truth, averaged over the {n} test starts (log scale).
              The gap between <b>with B</b> and <b>B = 0</b> is what the learned input matrix buys;
              the dotted line ends the {SHORT_STEPS}-step window of the first MSE.
            </>
          }
        />
      </div>
    </section>
  );
}

/** The closed loop: over time, in the phase plane, its cost; and the spectrum of K. */
function ClosedLoopSection({ v }: { v: ControlView }) {
  const cfg = v.r.config;
  return (
    <section className="control-section" aria-label="Closed loop">
      <h2 className="control-head">Closed loop: model-predictive control of the true system</h2>
      <p className="task-note" data-testid="task-note">
        {v.c.taskNote}{' '}
        <span className="task-settings">
          MPC horizon N = {String(cfg.mpch)}, |u| ≤ {String(cfg.umax)}, input weight r ={' '}
          {String(cfg.ur)}; {v.c.closedLoop.saturatedSteps} of {v.c.closedLoop.steps} inputs on the
          bound.
        </span>
      </p>
      <div className="control-plots">
        <ControlFigure
          v={v}
          index={2}
          tall
          testid="plot-closedloop"
          make={closedLoopFigure}
          caption={
            <>
              Every step the controller solves a box-constrained quadratic program (|u| ≤ u_max) on
              the learned linear lifted model over the next N steps and applies only the first input
              to the true system. Shaded: the window of the mean-distance metric.
            </>
          }
        />
        <ControlFigure
          v={v}
          index={3}
          tall
          testid="plot-closedloop-phase"
          make={closedLoopPhaseFigure}
          caption={
            <>
              The same two runs in the state plane: left alone, the state goes where its own
              dynamics take it; with the controller it is steered from the start (●) to the goal
              (☆). ◇ marks where each run ends.
            </>
          }
        />
        <ControlFigure
          v={v}
          index={4}
          testid="plot-cost"
          make={costFigure}
          caption={
            <>
              Stage cost ‖x_t − goal‖² + r·u_t² per step (top) and its running sum (bottom): the
              quantity the controller minimises, compared with doing nothing.
            </>
          }
        />
        <ControlCell
          v={v}
          index={5}
          draw={drawSpectrum}
          caption={
            <>
              Eigenvalues of K, the learned autonomous part of the lifted model (the input acts
              through B only). λ = 1 belongs to the constant feature; eigenvalues near the unit
              circle are slow modes the controller has to work against.
            </>
          }
        />
      </div>
    </section>
  );
}

/** Metrics and plots of a controlled run (in place of the simulated view). */
export function ControlResults({ metrics = true }: { metrics?: boolean }) {
  const result = useStore((s) => s.result);
  const stale = useStore((s) => s.status !== 'done' && s.result !== null);
  const viewHidden = useStore((s) => s.page.hide.includes('view'));
  const v = useMemo(() => controlView(result), [result]);
  if (!v) return null;
  return (
    <>
      {metrics && (
        <div className={stale ? 'metrics stale' : 'metrics'}>
          <ControlMetrics v={v} />
        </div>
      )}
      <div className="plots-area control-view" data-testid="plots">
        {!viewHidden && (
          <div className="view-bar">
            <Warnings />
          </div>
        )}
        <PredictionSection v={v} table={metrics} />
        <ClosedLoopSection v={v} />
      </div>
    </>
  );
}
