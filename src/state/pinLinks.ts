/**
 * Pinned runs in the address (issue 13): each pin is the canonical query of a run, URL-encoded, as
 * a repeated page key `pin=…` (at most MAX_PINS). The run parser skips `pin` (it is a page key,
 * src/state/lesson.ts LECTURE_KEYS); each pin's own query is parsed leniently, so an old or edited
 * pin is brought to the current schema and its problems are reported, never fatal. Pure.
 */
import { parseQuery, serializeQuery, type Notice } from '../run/query';
import type { RunConfig } from '../run/schema';

export const MAX_PINS = 4;
export const PIN_KEY = 'pin';

/** The pins of an address: their canonical queries and configs, and what was wrong with them. */
export function parsePins(search: string): {
  pins: Array<{ query: string; config: RunConfig }>;
  notices: Notice[];
} {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const raw = params.getAll(PIN_KEY);
  const notices: Notice[] = [];
  const pins: Array<{ query: string; config: RunConfig }> = [];
  for (const q of raw) {
    if (pins.length >= MAX_PINS) {
      notices.push({
        key: PIN_KEY,
        message: `more than ${MAX_PINS} pinned runs: the first ${MAX_PINS} are kept`,
      });
      break;
    }
    const r = parseQuery(q, 'lenient');
    for (const n of r.notices)
      notices.push({ key: PIN_KEY, message: `pinned run ${pins.length + 1}: ${n.message}` });
    const query = serializeQuery(r.config);
    if (pins.some((p) => p.query === query)) continue; // the same run pinned twice: once
    pins.push({ query, config: r.config });
  }
  return { pins, notices };
}

/** `pin=…&pin=…` for a list of canonical queries ('' for none). */
export function serializePins(queries: readonly string[]): string {
  return queries
    .slice(0, MAX_PINS)
    .map((q) => `${PIN_KEY}=${encodeURIComponent(q)}`)
    .join('&');
}
