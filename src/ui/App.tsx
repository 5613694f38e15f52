import { hiddenFields } from '../state/lesson';
import { AnalysisPanel } from './analysis/AnalysisPanel';
import { BaselinesPanel } from './baselines/BaselinesPanel';
import { ComparePanel } from './compare/ComparePanel';
import { useStore } from '../state/store';
import { ControlsPanel } from './controls/ControlsPanel';
import { CopyLinkButton } from './CopyLinkButton';
import { ExportMenu } from './export/ExportMenu';
import { LessonButton } from './LessonDialog';
import { GalleryButton } from './gallery/LessonGallery';
import { LessonNote } from './LessonNote';
import { Notices } from './Notices';
import { PresenterBar, PresenterButton, ShortcutHelp, useShortcuts } from './Presenter';
import { Results } from './Results';
import { RunPanel } from './RunPanel';
import { FIELDS, fieldApplies } from '../run/schema';
import { SeriesDataPanel } from './series/SeriesDataPanel';
import { ViewBoundary } from './ViewBoundary';
import { CostDialog } from './CostDialog';

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
  const presenting = useStore((s) => Boolean(s.page.present));
  const [help, setHelp] = useShortcuts();
  const resultSeq = useStore((s) => s.resultSeq);
  return (
    <div className={presenting ? 'app presenting' : 'app'} data-testid="app">
      <a className="skip-link" href="#results">
        Skip to results
      </a>
      <header className="app-header">
        <div className="titles">
          <h1>Sampled RNN Lab</h1>
          <p className="tagline">
            Recurrent networks trained without gradients: sampled hidden weights, least-squares
            outer weights.
          </p>
        </div>
        <div className="header-actions">
          {presenting && <PresenterBar onHelp={() => setHelp(true)} />}
          <GalleryButton />
          <PresenterButton />
          {show.share && !presenting && <LessonButton />}
          {show.export && !presenting && <ExportMenu />}
          {show.share && !presenting && <CopyLinkButton />}
        </div>
      </header>
      <Notices />
      <div className={sidebar && !presenting ? 'app-body' : 'app-body no-sidebar'}>
        {sidebar && !presenting && (
          <aside className="sidebar" aria-label="Settings">
            <RunPanel buttons={show.run} />
            <ViewBoundary kind="settings" id="settings">
              <SeriesDataPanel />
              <ControlsPanel />
            </ViewBoundary>
          </aside>
        )}
        <main className="results" id="results" tabIndex={-1}>
          {(!sidebar || presenting) && <RunPanel buttons={false} />}
          <LessonNote />
          <ViewBoundary kind="results" id="results" resetKey={resultSeq}>
            <Results metrics={show.metrics} />
          </ViewBoundary>
          <ViewBoundary kind="analysis" id="analysis" resetKey={resultSeq}>
            <AnalysisPanel />
          </ViewBoundary>
          <ViewBoundary kind="analysis" id="baselines" resetKey={resultSeq}>
            <BaselinesPanel />
          </ViewBoundary>
          <ViewBoundary kind="analysis" id="compare" resetKey={resultSeq}>
            <ComparePanel />
          </ViewBoundary>
        </main>
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      <CostDialog />
    </div>
  );
}
