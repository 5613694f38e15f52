import { useEffect, useRef } from 'react';
import type { RunConfig } from '../../run/schema';
import { CSV_LIMITS } from '../../sources/series/csv';
import { train } from '../../state/runController';
import {
  clearCsvError,
  loadCsvFile,
  needsFileMessage,
  useSeriesData,
} from '../../state/seriesData';
import { useStore } from '../../state/store';
import './series.css';
import { visibleText } from '../visibleText';

/** Where the weather data come from, in one paragraph. */
function WeatherInfo() {
  return (
    <section className="series-data" aria-label="Data" data-testid="weather-info">
      <h2>Weather records</h2>
      <p>
        Daily NOAA station records for Seattle and New York, 2012–2015: maximum and minimum
        temperature (°C), precipitation (mm), mean wind (m/s). Shipped with the app (via the
        vega-datasets package); standardised with the training years only.
      </p>
    </section>
  );
}

/** Columns of the new file the current `cols` can keep ('' = all columns otherwise). */
function keptColumns(config: RunConfig, names: string[]): string {
  const cols = String(config.cols);
  return cols !== '' && cols.split(',').every((c) => names.includes(c)) ? cols : '';
}

/**
 * The user's CSV: choose a file (read in the browser only), see what was read, or why it was
 * refused — in which case the previous file, settings and results stay as they were.
 */
function CsvPanel() {
  const csv = useSeriesData((s) => s.csv);
  const error = useSeriesData((s) => s.csvError);
  const config = useStore((s) => s.config);
  const input = useRef<HTMLInputElement>(null);
  // Back on sys=csv with a file still loaded (after a system switch reset the settings): the
  // settings and the link name that file again.
  const loadedName = csv?.name;
  useEffect(() => {
    if (loadedName && config.file !== loadedName) useStore.getState().setField('file', loadedName);
  }, [loadedName, config.file]);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const loaded = await loadCsvFile(file, useStore.getState().config);
    if (input.current) input.current.value = ''; // choosing the same file again is a new choice
    if (!loaded) return;
    const { setField } = useStore.getState();
    setField('file', loaded.name);
    setField('cols', keptColumns(useStore.getState().config, loaded.table.names));
    train('user');
  };
  const needsFile = !csv;
  return (
    <section className="series-data" aria-label="Data file" data-testid="csv-panel">
      <h2>Your time series</h2>
      {needsFile && config.file !== '' && (
        <p className="csv-needs-file" role="status" data-testid="csv-needs-file">
          {visibleText(needsFileMessage(config))}
        </p>
      )}
      <label className="btn csv-choose">
        Choose a CSV file…
        <input
          ref={input}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          data-testid="csv-file"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
      {csv && (
        <p className="csv-loaded" data-testid="csv-loaded" data-name={csv.name}>
          <strong>{visibleText(csv.name)}</strong>: {csv.table.rows} rows, columns{' '}
          {visibleText(csv.table.names.join(', '))}
          {csv.table.dateName
            ? visibleText(
                `; dates from '${csv.table.dateName}' (${csv.table.dates![0].text} … ${csv.table.dates![csv.table.rows - 1].text})`,
              )
            : '; no date column (rows are numbered)'}
          .
        </p>
      )}
      {error && (
        <p className="csv-error" role="alert" data-testid="csv-error">
          {visibleText(error)} {csv ? `Still using ${visibleText(csv.name)}.` : ''}
          <button type="button" className="link-button" onClick={clearCsvError}>
            Dismiss
          </button>
        </p>
      )}
      <p className="csv-help">
        A header row naming the columns, numeric columns, optionally one date column (YYYY-MM-DD[
        HH:MM[:SS]]), rows in time order. Read in this browser tab only, never uploaded. Limits:{' '}
        {CSV_LIMITS.maxBytes / 1e6} MB, {CSV_LIMITS.maxRows.toLocaleString('en')} rows,{' '}
        {CSV_LIMITS.maxColumns} columns.
      </p>
    </section>
  );
}

/** The data panel of the measured series, above the settings: weather source or CSV chooser. */
export function SeriesDataPanel() {
  const sys = useStore((s) => s.config.sys);
  if (sys === 'weather') return <WeatherInfo />;
  if (sys === 'csv') return <CsvPanel />;
  return null;
}
