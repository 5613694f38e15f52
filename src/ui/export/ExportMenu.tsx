import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { version as APP_VERSION } from '../../../package.json';
import { modelToJson, parseModelJson } from '../../run/modelJson';
import { MODEL_MAX_CHARS } from '../../run/modelParts';
import { showImported } from '../../state/runController';
import { useStore } from '../../state/store';
import { usePlotView } from '../plots/PlotGrid';
import { closedLoopCsv } from './closedLoopCsv';
import { testCsv } from './csv';
import { fileStem, saveBlob } from './download';
import { exportablePlots, imageName, plotImage } from './graphs';

/** Model files larger than this are refused before reading (the browser would struggle). */

/**
 * Export menu: each plot as PNG or SVG, the test data and forecasts as CSV, the trained model as
 * JSON, and import of such a JSON (shows its plots and metrics without training).
 */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const result = useStore((s) => s.result);
  const page = useStore((s) => s.page);
  const view = usePlotView();
  const figures = result ? exportablePlots(result, page) : [];
  const rootRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  // Close on a click outside or on Escape.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const run = async (id: string, job: () => Promise<void> | void) => {
    setBusy(id);
    setError(null);
    try {
      await job();
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const stem = result ? fileStem(result) : 'srnn';
  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be picked again
    if (!file) return;
    const fail = (message: string) => {
      const s = useStore.getState();
      s.setNotices([
        ...s.notices.filter((n) => n.key !== 'import'),
        { key: 'import', title: 'Import failed:', message: `${file.name}: ${message}` },
      ]);
    };
    // Checked on the size before reading: a file over the budget is never loaded into the tab.
    if (file.size > MODEL_MAX_CHARS)
      return fail(`the file is larger than the ${MODEL_MAX_CHARS / 1e6} MB the lab imports`);
    const parsed = parseModelJson(await file.text());
    if (!parsed.ok) return fail(parsed.error);
    const s = useStore.getState();
    s.setNotices(s.notices.filter((n) => n.key !== 'import'));
    showImported(parsed.result, file.name);
    setOpen(false);
  };

  return (
    <div className="export" ref={rootRef}>
      <button
        type="button"
        className="btn"
        data-testid="export-menu"
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="export-panel" role="group" aria-label="Export and import">
          <h2>Figures</h2>
          <table className="export-figures">
            <tbody>
              {figures.length === 0 && (
                <tr>
                  <td className="export-none" colSpan={3}>
                    No plot drawn yet.
                  </td>
                </tr>
              )}
              {figures.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.label}</th>
                  {(['png', 'svg'] as const).map((format) => (
                    <td key={format}>
                      <button
                        type="button"
                        className="btn small"
                        data-testid={`export-${format}-${entry.id}`}
                        disabled={busy !== null}
                        onClick={() =>
                          void run(`${format}-${entry.id}`, async () => {
                            if (!result) return;
                            const blob = await plotImage(entry, result, view, format);
                            saveBlob(imageName(stem, entry, format), blob);
                          })
                        }
                      >
                        {busy === `${format}-${entry.id}` ? '…' : format.toUpperCase()}
                      </button>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Data and model</h2>
          <button
            type="button"
            className="export-item"
            data-testid="export-csv"
            disabled={!result || busy !== null}
            onClick={() =>
              void run('csv', () => {
                if (!result) return;
                const text = testCsv(result);
                saveBlob(`${stem}-test.csv`, new Blob([text], { type: 'text/csv' }));
              })
            }
          >
            <strong>Test data and forecasts</strong>
            <span>
              CSV · time, true state, RNN and linear forecasts, errors
              {result?.control ? ', input u, forecast with B = 0' : ''}
            </span>
          </button>
          {result?.control && (
            <button
              type="button"
              className="export-item"
              data-testid="export-closedloop-csv"
              disabled={busy !== null}
              onClick={() =>
                void run('closedloop', () => {
                  const c = result.control!;
                  const text = closedLoopCsv(c.closedLoop, result.stateNames, c.inputNames);
                  saveBlob(`${stem}-closed-loop.csv`, new Blob([text], { type: 'text/csv' }));
                })
              }
            >
              <strong>Closed loop</strong>
              <span>CSV · time, controlled and uncontrolled states, input u, stage costs</span>
            </button>
          )}
          <button
            type="button"
            className="export-item"
            data-testid="export-json"
            disabled={!result || busy !== null}
            onClick={() =>
              void run('json', () => {
                if (!result) return;
                const text = modelToJson(result, APP_VERSION);
                saveBlob(`${stem}-model.json`, new Blob([text], { type: 'application/json' }));
              })
            }
          >
            <strong>Trained model</strong>
            <span>JSON · config, seed, W, b, K, C, eigenvalues, metrics</span>
          </button>
          <button
            type="button"
            className="export-item"
            data-testid="import-open"
            onClick={() => fileRef.current?.click()}
          >
            <strong>Import a model…</strong>
            <span>Shows a saved model’s plots and metrics without training</span>
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            data-testid="import-json"
            hidden
            onChange={(e) => void onImport(e)}
          />
          {error && (
            <p className="export-error" role="alert" data-testid="export-error">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
