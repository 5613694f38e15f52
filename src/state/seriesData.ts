/**
 * The data files of measured-series runs, held on the page (never in the URL, never uploaded):
 * the shipped weather records, fetched once from the app's own origin (./data/weather.csv), and
 * the CSV file the user chose, read in the browser. A small store of its own, so the run store's
 * slices stay as they are; the run controller asks it for the source of each series run.
 */
import { create } from 'zustand';
import type { RunConfig } from '../run/schema';
import { checkSize } from '../sources/series/csv';
import { csvPlan } from '../sources/series/plan';
import type { SeriesSource } from '../run/series/sources';
import { trainStandardiser } from '../sources/series/embed';
import { parseSeriesCsv, type SeriesTable } from '../sources/series/table';
import { WEATHER_FILE } from '../sources/series/weather';

export interface LoadedCsv {
  name: string;
  bytes: number;
  text: string;
  table: SeriesTable;
}

interface SeriesDataState {
  /** The user's file that runs read; kept when a later file is refused. */
  csv: LoadedCsv | null;
  /** Why the last file chosen was refused (exact message), or null. */
  csvError: string | null;
}

export const useSeriesData = create<SeriesDataState>()(() => ({ csv: null, csvError: null }));

let weather: Promise<string> | null = null;

/** weather.csv from the app's origin, fetched once per page. */
function weatherText(): Promise<string> {
  weather ??= fetch(new URL(WEATHER_FILE, document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(`could not load ${WEATHER_FILE} (HTTP ${r.status})`);
    return r.text();
  });
  weather.catch(() => (weather = null)); // allow a retry
  return weather;
}

/** The message a link from a local-file run shows until the file is chosen again. */
export function needsFileMessage(config: RunConfig): string {
  const name = config.file ? ` '${String(config.file)}'` : '';
  return `This run reads a local CSV file${name}, which never leaves your browser and is not part of the link: choose the file again to run it.`;
}

/**
 * The data source a run of this config reads: weather.csv, the user's file, or nothing for the
 * simulated systems. Rejects (with a message for the status line) when sys=csv and no file is
 * loaded.
 */
export async function seriesSourceFor(config: RunConfig): Promise<SeriesSource | undefined> {
  if (config.sys === 'weather') return { name: 'weather.csv', text: await weatherText() };
  if (config.sys !== 'csv') return undefined;
  const csv = useSeriesData.getState().csv;
  if (!csv) {
    const name = config.file ? ` '${String(config.file)}'` : '';
    throw new Error(`no CSV file loaded: choose the file${name} in the panel below`);
  }
  return { name: csv.name, text: csv.text };
}

/**
 * Reads and checks a chosen file against the current settings. On success it becomes the loaded
 * file and the result is returned; on any problem the message is stored and the previously
 * loaded file stays (returns null).
 */
export async function loadCsvFile(file: File, config: RunConfig): Promise<LoadedCsv | null> {
  const set = useSeriesData.setState;
  try {
    checkSize(file.size);
    const text = await file.text();
    const table = parseSeriesCsv(text);
    // Too few rows for the current delay, horizon and split, or a column that cannot be
    // standardised (constant, or too large or small for its squares): refuse the file now.
    const plan = csvPlan(table, {
      cols: '',
      delay: Number(config.delay),
      split: Number(config.split),
      horizon: Number(config.horizon),
      name: file.name,
    });
    trainStandardiser(plan);
    const loaded: LoadedCsv = { name: file.name, bytes: file.size, text, table };
    set({ csv: loaded, csvError: null });
    return loaded;
  } catch (e) {
    set({ csvError: `${file.name}: ${e instanceof Error ? e.message : String(e)}` });
    return null;
  }
}

/** Forgets the refusal message (e.g. when the user dismisses it). */
export function clearCsvError(): void {
  useSeriesData.setState({ csvError: null });
}
