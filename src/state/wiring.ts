/**
 * Side effects as store subscriptions: the address mirrors the config (debounced replaceState),
 * with auto-train on a config change starts a run after a short pause, and Back/Forward restores
 * the run of that history entry.
 */
import { parseQuery } from '../run/query';
import { replaceAddress } from './history';
import { parsePage, withoutPageKeys } from './lesson';
import { currentConfigStarted, train } from './runController';
import { useStore } from './store';

/** Typing and slider drags settle before the URL is rewritten or a run starts. */
export const URL_DEBOUNCE_MS = 250;
export const AUTO_TRAIN_DEBOUNCE_MS = 400;

function debounce(fn: () => void, ms: number): () => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}

/** Writes the current config to the URL now (before copying the link, say). */
export function flushUrl(): void {
  const { config, page } = useStore.getState();
  replaceAddress(config, page);
}

/** Reads the address into the store: the run's settings, the page options and their notices. */
function readAddress(plotIds: readonly string[]): void {
  const run = parseQuery(withoutPageKeys(location.search), 'lenient');
  const page = parsePage(location.search, plotIds);
  const s = useStore.getState();
  s.replaceConfig(run.config);
  s.setPage(page.page);
  s.setNotices([...run.notices, ...page.notices]);
}

/**
 * Reads the URL, wires the subscriptions and runs once. Returns an unsubscribe function.
 * `plotIds`: every plot id the page can draw (the UI's plot registry), for `plots=` links.
 */
export function startApp({ plotIds }: { plotIds: readonly string[] }): () => void {
  readAddress(plotIds);

  const syncUrl = debounce(flushUrl, URL_DEBOUNCE_MS);
  const autoRun = debounce(() => {
    if (useStore.getState().autoTrain && !currentConfigStarted()) train('auto');
  }, AUTO_TRAIN_DEBOUNCE_MS);

  const unsubs = [
    useStore.subscribe(
      (st) => st.config,
      () => {
        syncUrl();
        if (useStore.getState().autoTrain) autoRun();
      },
    ),
  ];
  // Back/Forward: that entry's settings, run (or shown from memory) without a new entry.
  const onPopState = () => {
    readAddress(plotIds);
    train('history');
  };
  window.addEventListener('popstate', onPopState);
  unsubs.push(() => window.removeEventListener('popstate', onPopState));
  // A shared link shows its results without a click (and the address becomes canonical).
  train('load');
  return () => unsubs.forEach((u) => u());
}
