import { cancel, train } from '../state/runController';
import { useStore } from '../state/store';
import { formatMs } from './format';
import { ProgressBar } from './ProgressBar';
import { warningItems } from './warningItems';
import { visibleText } from './visibleText';

function StatusLine() {
  const status = useStore((s) => s.status);
  const error = useStore((s) => s.error);
  const wallMs = useStore((s) => s.wallMs);
  const fitMs = useStore((s) => s.result?.timingsMs.total);
  const result = useStore((s) => s.result);
  const warnings = result ? warningItems(result).length : 0;
  const runId = useStore((s) => s.runId);
  const resultSeq = useStore((s) => s.resultSeq);
  const origin = useStore((s) => s.origin);
  let text: string;
  switch (status) {
    case 'idle':
      text = 'Ready.';
      break;
    case 'running':
      text = 'Training in the background… (Esc cancels)';
      break;
    case 'done': {
      const warn = warnings ? ` · ${warnings} warning${warnings > 1 ? 's' : ''}` : '';
      if (origin.kind === 'import')
        text = `Loaded from ${origin.file} without training (its fit took ${formatMs(fitMs ?? NaN)})${warn}.`;
      else if (origin.kind === 'history')
        text = `Done: fit ${formatMs(fitMs ?? NaN)}, shown again from earlier in this visit${warn}.`;
      else
        text = `Done: fit ${formatMs(fitMs ?? NaN)}, shown after ${formatMs(wallMs ?? NaN)}${warn}.`;
      break;
    }
    case 'cancelled':
      text = result
        ? 'Cancelled. The previous results stay on screen.'
        : 'Cancelled before the first result. Press Train to run.';
      break;
    case 'error':
      // Before a CSV file is chosen nothing failed: the page waits for the file.
      text = error?.startsWith('no CSV file loaded')
        ? 'Choose a CSV file (in the panel on the left) to train on it.'
        : `Run failed: ${error ?? 'unknown error'}`;
      break;
  }
  return (
    <p
      className={`status status-${status === 'error' && error?.startsWith('no CSV file loaded') ? 'waiting' : status}`}
      data-testid="status"
      data-state={status}
      data-run={runId}
      data-result={resultSeq}
      role="status"
      aria-live="polite"
    >
      {visibleText(text)}
    </p>
  );
}

/**
 * Train / Cancel, the auto-train toggle, status and the progress bar by phase. A lesson link may
 * hide the buttons (`hide=run`); the status and progress stay, so the page says what it is doing.
 */
export function RunPanel({ buttons = true }: { buttons?: boolean }) {
  const status = useStore((s) => s.status);
  const autoTrain = useStore((s) => s.autoTrain);
  const setAutoTrain = useStore((s) => s.setAutoTrain);
  const running = status === 'running';
  return (
    <section className={buttons ? 'run-panel' : 'run-panel bare'} aria-label="Run">
      {buttons && (
        <div className="run-buttons">
          <button
            type="button"
            className="btn primary"
            data-testid="train"
            onClick={() => train('user')}
          >
            {running ? 'Restart' : 'Train'}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="cancel"
            onClick={cancel}
            disabled={!running}
          >
            Cancel
          </button>
          <label className="toggle" title="Retrain 0.4 s after any setting changes">
            <input
              type="checkbox"
              data-testid="auto-train"
              checked={autoTrain}
              onChange={(e) => setAutoTrain(e.target.checked)}
            />
            Auto-train on change
          </label>
        </div>
      )}
      <StatusLine />
      <ProgressBar />
    </section>
  );
}
