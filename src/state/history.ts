/**
 * The address bar as the record of runs. Each history entry remembers (in history.state) the run
 * it showed; control moves rewrite the current entry's address in place (replaceState), and a run
 * the user starts with Train (or an imported model) adds one new entry, so Back and Forward step
 * between those runs. Runs started by auto-train, on load or by Back/Forward never add entries.
 */
import { serializeQuery } from '../run/query';
import type { RunConfig } from '../run/schema';
import { serializePage, type PageOptions } from './lesson';

/** What each of our history entries carries. */
interface EntryState {
  /** Canonical run query of the run this entry showed. */
  srnnRun: string;
  /** The full address search of that run (with the page keys). */
  srnnSearch: string;
}

/** How a run affects the history: a new entry, or the current one rewritten. */
export type HistoryMode = 'push' | 'replace';

/** `?` + canonical run query + page keys: the address of a run on this page. */
export function searchFor(config: RunConfig, page: PageOptions): string {
  const pageQuery = serializePage(page);
  return `?${serializeQuery(config)}${pageQuery ? `&${pageQuery}` : ''}`;
}

function entryState(): Partial<EntryState> & Record<string, unknown> {
  const s: unknown = history.state;
  return s && typeof s === 'object' ? (s as Record<string, unknown>) : {};
}

/** The address follows the settings, in the current entry (no new history entry). */
export function replaceAddress(config: RunConfig, page: PageOptions): void {
  const search = searchFor(config, page);
  if (search !== location.search) history.replaceState(entryState(), '', search);
}

/**
 * Records a run that is starting. 'push' adds an entry unless the current one already shows this
 * run (Train pressed twice); before it does, the current entry gets back the address of the run it
 * showed, so that Back returns to that run and not to half-edited settings.
 */
export function recordRun(config: RunConfig, page: PageOptions, mode: HistoryMode): void {
  const run = serializeQuery(config);
  const search = searchFor(config, page);
  const state = entryState();
  const next: EntryState = { srnnRun: run, srnnSearch: search };
  if (
    mode === 'push' &&
    typeof state.srnnRun === 'string' &&
    typeof state.srnnSearch === 'string' &&
    state.srnnRun !== run
  ) {
    if (location.search !== state.srnnSearch) history.replaceState(state, '', state.srnnSearch);
    history.pushState(next, '', search);
  } else {
    history.replaceState({ ...state, ...next }, '', search);
  }
}
