/**
 * Side effects as store subscriptions: the URL mirrors the config (debounced replaceState), and
 * with auto-train on, a config change starts a run after a short pause.
 */
import { parseQuery, serializeQuery } from '../config/query';
import type { RunConfig } from '../config/schema';
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

function writeUrl(config: RunConfig): void {
  const query = serializeQuery(config);
  const params = new URLSearchParams(location.search);
  // Page keys (lesson flags like hide=…) are not part of the run; keep them in the link.
  const page = ['hide', 'plots', 'note']
    .filter((k) => params.has(k))
    .map((k) => `${k}=${encodeURIComponent(params.get(k)!)}`);
  const search = '?' + [query, ...page].join('&');
  if (search !== location.search) history.replaceState(history.state, '', search);
}

/** Writes the current config to the URL now (before copying the link, say). */
export function flushUrl(): void {
  writeUrl(useStore.getState().config);
}

/** Reads the URL, wires the subscriptions and runs once. Returns an unsubscribe function. */
export function startApp(): () => void {
  const { config, notices } = parseQuery(location.search, 'lenient');
  const s = useStore.getState();
  s.replaceConfig(config);
  s.setNotices(notices);

  const syncUrl = debounce(() => writeUrl(useStore.getState().config), URL_DEBOUNCE_MS);
  const autoRun = debounce(() => {
    if (useStore.getState().autoTrain && !currentConfigStarted()) train();
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
  writeUrl(config);
  // A shared link shows its results without a click.
  train();
  return () => unsubs.forEach((u) => u());
}
