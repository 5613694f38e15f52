/**
 * The CLI's data files for measured series: the shipped weather records (public/data/weather.csv,
 * next to the app's own copy) and a user's CSV given with --data, size-checked before reading.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSize } from '../sources/series/csv';
import type { SeriesSource } from '../run/series/sources';
import { WEATHER_FILE } from '../sources/series/weather';

/** public/ of this repository (src/node/ → ../../public). */
const PUBLIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public');

export function weatherSource(): SeriesSource {
  return { name: 'weather.csv', text: readFileSync(resolve(PUBLIC_DIR, WEATHER_FILE), 'utf8') };
}

/** Reads a user's CSV; throws CsvError over the size limit, an Error if it cannot be read. */
export function csvSource(path: string): SeriesSource {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new Error(`cannot read '${path}' (no such file?)`);
  }
  checkSize(size);
  return { name: basename(path), text: readFileSync(path, 'utf8') };
}
