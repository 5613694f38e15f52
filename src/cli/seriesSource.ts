/**
 * The CLI's data files for measured series: the shipped weather records (public/data/weather.csv,
 * next to the app's own copy) and a user's CSV given with --data.
 *
 * A --data path is untrusted input (issue 16): only a regular file is read (a directory, FIFO,
 * socket or device such as /dev/zero is refused before any byte is read; opening does not block
 * on a FIFO), and the read itself is bounded: it stops one byte past CSV_LIMITS.maxBytes, so a
 * file that grows while it is read cannot take more memory than that either. The bytes are
 * decoded as the browser's File.text() does (a UTF-8, UTF-16LE or UTF-16BE byte-order mark picks
 * the encoding; otherwise UTF-8), so a file gives the same text in the page and in the CLI.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSV_LIMITS, checkSize } from '../sources/series/csv';
import type { SeriesSource } from '../run/series/sources';
import { WEATHER_FILE } from '../sources/series/weather';

/** public/ of this repository (src/cli/ → ../../public). */
const PUBLIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public');

export function weatherSource(): SeriesSource {
  return { name: 'weather.csv', text: readFileSync(resolve(PUBLIC_DIR, WEATHER_FILE), 'utf8') };
}

/** What a path is, in words, when it is not a regular file. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'of an unknown kind';
}

/**
 * Reads at most `limit + 1` bytes of an open file (so that "more than limit" can be told apart
 * from "exactly limit" without reading further).
 */
function readBounded(fd: number, limit: number): Buffer {
  const buf = Buffer.allocUnsafe(Math.min(limit + 1, 1 << 16));
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    const want = Math.min(buf.length, limit + 1 - total);
    const got = readSync(fd, buf, 0, want, null);
    if (got === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, got)));
    total += got;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Decodes file bytes as the browser's File.text() does (Chromium, checked): a byte-order mark
 * selects UTF-8, UTF-16LE or UTF-16BE and is dropped; without one the bytes are UTF-8; invalid
 * sequences become U+FFFD. Plain UTF-8 goes through Buffer#toString as before (same text).
 */
export function decodeLikeBrowser(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * Reads a user's CSV. Throws CsvError over the size limit, and an Error (one line, naming what
 * was found) for a path that cannot be opened or is not a regular file.
 */
export function csvSource(path: string): SeriesSource {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : (code ?? 'cannot open it');
    throw new Error(`cannot read '${path}' (${why})`, { cause: e });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw new Error(`not a regular file (${kindOf(st)}); --data reads regular files only`);
    checkSize(st.size);
    const bytes = readBounded(fd, CSV_LIMITS.maxBytes);
    checkSize(bytes.length); // the file grew after fstat
    return { name: basename(path), text: decodeLikeBrowser(bytes) };
  } finally {
    closeSync(fd);
  }
}
