import type { ReactNode } from 'react';
import { formatMs } from '../format';
import { Card, Metric, TrainingTimeCard } from '../MetricsPanel';
import type { ControlView } from './controlData';

function Pair({ children }: { children: ReactNode }) {
  return <span className="metric-pair">{children}</span>;
}

/**
 * The closed loop's numbers (distance to the goal and cost, against the uncontrolled run), the
 * controller's timing and the training time. The prediction MSEs are in the input table.
 */
export function ControlMetrics({ v }: { v: ControlView }) {
  const { r, c, m } = v;
  const [t0, t1] = c.closedLoop.window;
  const timing = c.closedLoop.timing;
  return (
    <section className="control-metrics" aria-label="Metrics" data-testid="metrics">
      <div className="metric-cards control-cards">
        <Card
          title="Distance to goal"
          hint={`Mean distance to the goal over t ∈ [${t0}, ${t1}]: closed loop (MPC), the uncontrolled run, and their ratio (below 0.1: the controller holds the state near the goal).`}
        >
          <Metric name="ctrlMeanDist" value={m.ctrlMeanDist} label="MPC" big />
          <Pair>
            <Metric name="freeMeanDist" value={m.freeMeanDist} label="free" />
            <Metric name="ctrlRatio" value={m.ctrlRatio} label="ratio" />
          </Pair>
        </Card>
        <Card
          title="Total cost"
          hint="Sum of the stage cost ‖x_t − goal‖² + r·u_t² over the closed loop and over the uncontrolled run."
        >
          <Metric name="ctrlCost" value={m.ctrlCost} label="MPC" big />
          <Metric name="freeCost" value={m.freeCost} label="free" />
        </Card>
        <Card
          title="Controller"
          hint={`Wall time of one MPC step (a box-constrained QP, median and max over ${c.closedLoop.steps} steps) and of building the condensed MPC matrices once; ${c.closedLoop.saturatedSteps} steps hit |u| = u_max; at most ${c.closedLoop.qpIterationsMax} active-set iterations.`}
        >
          <span
            className="metric big"
            data-testid="ctrl-step-ms"
            data-value={String(timing.stepMsMedian)}
          >
            <span className="metric-label">step</span>
            <span className="metric-value">{formatMs(timing.stepMsMedian)}</span>
          </span>
          <Pair>
            <span
              className="metric"
              data-testid="ctrl-step-max-ms"
              data-value={String(timing.stepMsMax)}
            >
              <span className="metric-label">max</span>
              {formatMs(timing.stepMsMax)}
            </span>
            <span
              className="metric"
              data-testid="ctrl-design-ms"
              data-value={String(timing.designMs)}
            >
              <span className="metric-label">design</span>
              {formatMs(timing.designMs)}
            </span>
          </Pair>
        </Card>
        <TrainingTimeCard
          result={r}
          hint="Wall time of the whole run in the worker (data, fit, predictions and the closed loop)."
        />
      </div>
    </section>
  );
}
