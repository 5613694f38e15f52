/**
 * Lesson links: the page keys of the address (`hide`, `plots`, `note`), which shape the page but
 * not the run (the run parser skips them, see PAGE_KEYS in src/run/query.ts).
 *
 *   hide=sampler,reg,metrics   controls (query keys), control groups or panels to hide
 *   plots=trajectory,error     which plots to show, in this order (default: all of the view's)
 *   note=Compare%20the%20two   a caption above the plots, shown as plain text
 *   present=1                  open in presenter mode (slim settings bar, large text)
 *
 * Hidden controls keep the values the link gives them: hiding changes the page, never the run.
 * Plot ids come from the plot registry (src/ui/plots/registry.ts), which the page hands to
 * `parsePage` (state sits below the UI and does not import it). One list may name plots of
 * several views: each view shows the ones that are its own, and all of its plots if none is.
 * Pure: parsing and serialisation only (no DOM), so tests can share it with the page.
 */
import type { Notice } from '../run/query';
import { FIELDS, fieldApplies, type Field, type Group } from '../run/schema';
import { parsePins, serializePins } from './pinLinks';

export const GROUP_NAMES: readonly Group[] = ['system', 'data', 'model', 'forecast', 'control'];

/** Panels a lesson link can hide, with what each one is. */
export const PANELS = {
  run: 'Train / Cancel buttons and the auto-train toggle',
  settings: 'All settings (the whole control list)',
  metrics: 'The metric cards',
  view: 'Test-start picker, SWIM-pair overlay and warnings above the plots',
  share: 'Copy link and Lesson link buttons',
  export: 'The Export menu',
  overview: 'The model overview and its stage explanations',
} as const;
export type PanelName = keyof typeof PANELS;

/** Longest note kept (characters): a caption, not a document. */
export const NOTE_MAX = 500;

export interface PageOptions {
  /** Names to hide (field keys, group names, panel names), deduplicated, in the order given. */
  hide: string[];
  /** Plot ids to show, in the order given; [] (no `plots` key): all plots of the view. */
  plots: string[];
  /** Caption above the plots ('' = none). Plain text; rendered as a text node, never as HTML. */
  note: string;
  /** Presenter mode (`present=1`): settings collapse to a slim bar, text for the back row. */
  present?: boolean;
  /** Pinned runs (`pin=…`, repeated): canonical queries, at most 4 (src/state/pinLinks.ts). */
  pins?: string[];
}

export const DEFAULT_PAGE: PageOptions = { hide: [], plots: [], note: '' };

/** The page keys this module reads; the run parser must not see them (see `withoutPageKeys`). */
export const LECTURE_KEYS = ['present', 'pin'] as const;

/**
 * The search string without the lecture page keys (`present`), for the run parser, whose own list
 * of page keys (src/run/query.ts PAGE_KEYS) predates them: so `present=1` is no unknown key.
 */
export function withoutPageKeys(search: string): string {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  let changed = false;
  for (const k of LECTURE_KEYS)
    if (params.has(k)) {
      params.delete(k);
      changed = true;
    }
  return changed ? `?${params.toString()}` : search;
}

/** Every name `hide` accepts. */
export function hideableNames(): string[] {
  return [...FIELDS.map((f) => f.key), ...GROUP_NAMES, ...Object.keys(PANELS)];
}

/** Control characters other than line breaks and tabs are dropped from notes. */
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Shows a name safely inside a message. */
function show(s: string): string {
  const cut = s.length > 30 ? s.slice(0, 30) + '…' : s;
  return cut.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Splits a comma list: trimmed, empty items dropped, duplicates dropped (first kept). */
function list(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Reads the page keys of a query string. Lenient like the URL's run parser: unknown names are
 * ignored (plots: ids not in `plotIds`, every plot id of every view), a note that is too long is
 * cut, a repeated key keeps its first value; each such change is reported. Never throws.
 */
export function parsePage(
  search: string,
  plotIds: readonly string[],
): { page: PageOptions; notices: Notice[] } {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const notices: Notice[] = [];
  const first = (key: string): string | null => {
    const all = params.getAll(key);
    if (all.length > 1)
      notices.push({
        key,
        message: `${key} given more than once; the first value '${show(all[0])}' is used`,
      });
    return all.length ? all[0] : null;
  };
  const page: PageOptions = { ...DEFAULT_PAGE, plots: [...DEFAULT_PAGE.plots] };

  const hide = first('hide');
  if (hide !== null) {
    const known = new Set(hideableNames());
    const names = list(hide);
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length)
      notices.push({
        key: 'hide',
        message:
          `hide: unknown name${unknown.length > 1 ? 's' : ''} ${unknown
            .map((n) => `'${show(n)}'`)
            .join(', ')} ignored (controls are hidden by their query key, e.g. hide=reg,sampler; ` +
          `groups: ${GROUP_NAMES.join(', ')}; panels: ${Object.keys(PANELS).join(', ')})`,
      });
    page.hide = names.filter((n) => known.has(n));
  }

  const plots = first('plots');
  if (plots !== null) {
    const names = list(plots);
    const known = names.filter((n) => plotIds.includes(n));
    const unknown = names.filter((n) => !plotIds.includes(n));
    if (unknown.length)
      notices.push({
        key: 'plots',
        message: `plots: unknown plot${unknown.length > 1 ? 's' : ''} ${unknown
          .map((n) => `'${show(n)}'`)
          .join(', ')} ignored (plots: ${plotIds.join(', ')})`,
      });
    if (known.length) page.plots = known;
    else notices.push({ key: 'plots', message: 'plots names no known plot; showing all plots' });
  }

  const present = first('present');
  if (present !== null) {
    page.present = present === '1' || present === 'true' || present === '';
    if (!['1', 'true', '', '0', 'false'].includes(present))
      notices.push({
        key: 'present',
        message: `present: '${show(present)}' is not 1 or 0; ignored`,
      });
  }

  const note = first('note');
  if (note !== null) {
    let text = note.replace(/\r\n?/g, '\n').replace(CONTROL_RE, '').trim();
    const chars = Array.from(text); // code points: never cut a character in half
    if (chars.length > NOTE_MAX) {
      notices.push({
        key: 'note',
        message: `note is ${chars.length} characters long; cut to the first ${NOTE_MAX}`,
      });
      text = chars.slice(0, NOTE_MAX).join('');
    }
    page.note = text;
  }
  const pinned = parsePins(search);
  if (pinned.pins.length) page.pins = pinned.pins.map((p) => p.query);
  notices.push(...pinned.notices);
  return { page, notices };
}

/**
 * The page keys as a query fragment ('' for the default page): commas stay readable, everything
 * else in the note is percent-encoded.
 */
export function serializePage(page: PageOptions): string {
  const parts: string[] = [];
  const enc = (s: string) => encodeURIComponent(s).replace(/%2C/g, ',');
  if (page.hide.length) parts.push(`hide=${enc(page.hide.join(','))}`);
  if (page.plots.length) parts.push(`plots=${page.plots.map(enc).join(',')}`);
  if (page.note) parts.push(`note=${encodeURIComponent(page.note)}`);
  if (page.present) parts.push('present=1');
  if (page.pins?.length) parts.push(serializePins(page.pins));
  return parts.join('&');
}

/** Whether a control, group or panel is hidden on this page. */
export function isHidden(page: PageOptions, name: string): boolean {
  return page.hide.includes(name);
}

/** Whether a control is hidden, by its own key or by its group. */
export function fieldHidden(page: PageOptions, key: string, group: Group): boolean {
  return page.hide.includes(key) || page.hide.includes(group) || page.hide.includes('settings');
}

/** The fields a lesson page hides for this system (those that apply to it). */
export function hiddenFields(page: PageOptions, sys: string): Field[] {
  return FIELDS.filter((f) => fieldApplies(f, sys) && fieldHidden(page, f.key, f.group));
}
