import { ControlsPanel } from './controls/ControlsPanel';
import { CopyLinkButton } from './CopyLinkButton';
import { MetricsPanel } from './MetricsPanel';
import { Notices } from './Notices';
import { PlotsGrid } from './PlotsGrid';
import { RunPanel } from './RunPanel';

/** The lab: settings on the left, results on the right. */
export function App() {
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
        <CopyLinkButton />
      </header>
      <Notices />
      <div className="app-body">
        <aside className="sidebar" aria-label="Settings">
          <RunPanel />
          <ControlsPanel />
        </aside>
        <main className="results">
          <MetricsPanel />
          <PlotsGrid />
        </main>
      </div>
    </div>
  );
}
