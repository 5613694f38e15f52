import type { RunResult } from '../../run/result';
import { formatMs } from '../format';
import { Card, Metric, MetricPair, MetricsBlock, TrainingTimeCard } from '../metrics/Card';
import { controlParts } from '../plots/figures/control';

/**
 * The closed loop's numbers (distance to the goal and cost, against the uncontrolled run), the
 * controller's timing and the training time. The prediction MSEs are in the input table.
 */
export function ControlMetrics({ result: r }: { result: RunResult }) {
  const { c, m } = controlParts(r);
  const [t0, t1] = c.closedLoop.window;
  const loop = c.closedLoop;
  return (
    <MetricsBlock className="control-metrics">
      <div className="metric-cards control-cards">
        <Card
          title="Distance to goal"
          hint={`Mean distance to the goal over t ∈ [${t0}, ${t1}]: closed loop (MPC), the uncontrolled run, and their ratio (below 0.1: the controller holds the state near the goal).`}
        >
          <Metric name="ctrlMeanDist" value={m.ctrlMeanDist} label="MPC" big />
          <MetricPair>
            <Metric name="freeMeanDist" value={m.freeMeanDist} label="free" />
            <Metric name="ctrlRatio" value={m.ctrlRatio} label="ratio" />
          </MetricPair>
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
          hint={`Wall time of one MPC step (a box-constrained QP, median and max over ${loop.steps} steps) and of building the condensed MPC matrices once; ${loop.saturatedSteps} steps hit |u| = u_max; at most ${loop.qpIterationsMax} active-set iterations.`}
        >
          <Metric
            name="stepMsMedian"
            testid="ctrl-step-ms"
            value={loop.timing.stepMsMedian}
            label="step"
            format={formatMs}
            big
          />
          <MetricPair>
            <Metric
              name="stepMsMax"
              testid="ctrl-step-max-ms"
              value={loop.timing.stepMsMax}
              label="max"
              format={formatMs}
            />
            <Metric
              name="designMs"
              testid="ctrl-design-ms"
              value={loop.timing.designMs}
              label="design"
              format={formatMs}
            />
          </MetricPair>
        </Card>
        <TrainingTimeCard
          result={r}
          hint="Wall time of the whole run in the worker (data, fit, predictions and the closed loop)."
        />
      </div>
    </MetricsBlock>
  );
}
