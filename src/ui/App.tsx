import { hiddenFields } from '../state/lesson';
import { AnalysisPanel } from './analysis/AnalysisPanel';
import { useStore } from '../state/store';
import { ControlsPanel } from './controls/ControlsPanel';
import { CopyLinkButton } from './CopyLinkButton';
import { ExportMenu } from './export/ExportMenu';
import { LessonButton } from './LessonDialog';
import { LessonNote } from './LessonNote';
import { Notices } from './Notices';
import { Results } from './Results';
import { RunPanel } from './RunPanel';
import { FIELDS, fieldApplies } from '../run/schema';
import { SeriesDataPanel } from './series/SeriesDataPanel';

/** Which parts of the page a lesson link leaves out. */
function useLayout() {
  const page = useStore((s) => s.page);
  const sys = useStore((s) => s.config.sys);
  const reveal = useStore((s) => s.revealHidden);
  const hidden = (name: string) => page.hide.includes(name);
  const allFieldsHidden =
    !reveal && hiddenFields(page, sys).length === FIELDS.filter((f) => fieldApplies(f, sys)).length;
  return {
    run: !hidden('run'),
    settings: !allFieldsHidden,
    metrics: !hidden('metrics'),
    share: !hidden('share'),
    export: !hidden('export'),
  };
}

/** The lab: settings on the left, results on the right. */
export function App() {
  const show = useLayout();
  // With neither buttons nor settings left, the status line moves over the results.
  const sidebar = show.run || show.settings;
  return (
    <div className="app">
      <header className="app-header">
        <div className="titles">
          <h1>Sampled RNN Lab</h1>
          <p className="tagline">
            Recurrent networks trained without gradients: sampled hidden weights, least-squares
            outer weights.
          </p>
        </div>
        <div className="header-actions">
          {show.share && <LessonButton />}
          {show.export && <ExportMenu />}
          {show.share && <CopyLinkButton />}
        </div>
      </header>
      <Notices />
      <div className={sidebar ? 'app-body' : 'app-body no-sidebar'}>
        {sidebar && (
          <aside className="sidebar" aria-label="Settings">
            <RunPanel buttons={show.run} />
            <SeriesDataPanel />
            <ControlsPanel />
          </aside>
        )}
        <main className="results">
          {!sidebar && <RunPanel buttons={false} />}
          <LessonNote />
          <Results metrics={show.metrics} />
          <AnalysisPanel />
        </main>
      </div>
    </div>
  );
}
