import type { RunResult } from '../../run/result';
import { useStore } from '../../state/store';
import type { ControlParts } from '../plots/figures/control';
import { controlParts } from '../plots/figures/control';
import { PlotGrid } from '../plots/PlotGrid';
import { shownPlots } from '../plots/registry';
import type { PlotEntry, PlotSection } from '../plots/types';
import { ViewBar } from '../plots/ViewBar';
import { ControlMetrics } from './ControlMetrics';
import { InputTable } from './InputTable';
import './control.css';
import { ViewBoundary } from '../ViewBoundary';
import { visibleText } from '../visibleText';

/** The heading of a section, and what it shows between heading and plots. */
function SectionHead({
  section,
  c,
  r,
  table,
}: {
  section: PlotSection;
  c: ControlParts;
  r: RunResult;
  table: boolean;
}) {
  if (section === 'prediction')
    return (
      <>
        <h2 className="control-head">
          Prediction under an unseen input: <span>{visibleText(c.prediction.label)}</span>
        </h2>
        {table && <InputTable result={r} />}
      </>
    );
  const cfg = r.config;
  const loop = c.closedLoop;
  return (
    <>
      <h2 className="control-head">Closed loop: model-predictive control of the true system</h2>
      <p className="task-note" data-testid="task-note">
        {visibleText(c.taskNote)}{' '}
        <span className="task-settings">
          MPC horizon N = {String(cfg.mpch)}, |u| ≤ {String(cfg.umax)}, input weight r ={' '}
          {String(cfg.ur)}; {loop.saturatedSteps} of {loop.steps} inputs on the bound.
        </span>
      </p>
    </>
  );
}

const SECTIONS: Record<PlotSection, string> = {
  prediction: 'Prediction under an unseen input',
  closedloop: 'Closed loop',
};

/**
 * Metrics and plots of a controlled run: prediction under an unseen input (the input table, then
 * its plots) and the closed loop (the task, then its plots). A lesson link's `plots=` picks the
 * plots; the input table stays with the metrics even when no prediction plot is shown.
 */
export function ControlResults({ result: r, metrics }: { result: RunResult; metrics: boolean }) {
  const requested = useStore((s) => s.page.plots);
  const viewHidden = useStore((s) => s.page.hide.includes('view'));
  const { c } = controlParts(r);
  const entries = shownPlots('controlled', requested);
  let first = 0;
  const sections = (Object.keys(SECTIONS) as PlotSection[]).map((section) => {
    const own: PlotEntry[] = entries.filter((e) => e.section === section);
    const start = first;
    first += own.length;
    return { section, own, start };
  });
  return (
    <>
      {metrics && (
        <ViewBoundary kind="metrics" id="metrics" resetKey={r}>
          <ControlMetrics result={r} />
        </ViewBoundary>
      )}
      <div className="plots-area control-view" aria-label="Plots" data-testid="plots">
        {!viewHidden && <ViewBar entries={entries} />}
        {sections.map(({ section, own, start }) =>
          own.length || (section === 'prediction' && metrics) ? (
            <section key={section} className="control-section" aria-label={SECTIONS[section]}>
              <ViewBoundary kind="metrics" id={`section-${section}`} resetKey={r}>
                <SectionHead section={section} c={c} r={r} table={metrics} />
              </ViewBoundary>
              {own.length > 0 && <PlotGrid result={r} entries={own} first={start} />}
            </section>
          ) : null,
        )}
      </div>
    </>
  );
}
