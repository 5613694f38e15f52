/**
 * `--data` is untrusted input (issue 16): only regular files are read, the read is bounded, a
 * UTF-16 file reads as in the browser, and messages show control/bidi characters as escapes.
 * The CLI is spawned exactly as users run it (through npm). Timing: the refusal must not wait on
 * the path (a FIFO would block, /dev/zero never ends), so each refusal is timed against a
 * `--help` run on the same machine (same start-up cost) and must add less than 2 s; the
 * in-process reader itself is timed too (well under 100 ms).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvSource, decodeLikeBrowser } from '../../src/cli/seriesSource';

function srnn(...args: string[]) {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '--silent', 'srnn', '--', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000, // a hang fails the test instead of stalling the suite
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

let dir = '';
let fifo = '';
/** A small series: a damped oscillation, 120 dated rows. */
const CSV =
  'date,x,y\n' +
  Array.from({ length: 120 }, (_, i) => {
    const t = i * 0.2;
    const d = new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    return `${d},${(Math.exp(-0.01 * t) * Math.cos(t)).toFixed(6)},${(Math.exp(-0.01 * t) * Math.sin(t)).toFixed(6)}\n`;
  }).join('');
const RUN = 'delay=3&width=20&horizon=5';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'srnn-cli-input-'));
  fifo = join(dir, 'pipe.csv');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  writeFileSync(join(dir, 'utf8.csv'), CSV);
  writeFileSync(join(dir, 'utf8bom.csv'), '\ufeff' + CSV);
  writeFileSync(join(dir, 'utf16le.csv'), Buffer.from('\ufeff' + CSV, 'utf16le'));
  const be = Buffer.from('\ufeff' + CSV, 'utf16le');
  for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
  writeFileSync(join(dir, 'utf16be.csv'), be);
  // A sparse 3 GB file: its size is known without reading it.
  writeFileSync(join(dir, 'sparse.csv'), '');
  truncateSync(join(dir, 'sparse.csv'), 3e9);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('--data: regular files only, bounded read', () => {
  it('reader: refuses /dev/zero, a FIFO without writer, a directory, each in < 100 ms', () => {
    for (const [path, re] of [
      ['/dev/zero', /not a regular file \(a character device\)/],
      [() => fifo, /not a regular file \(a FIFO/],
      [() => dir, /not a regular file \(a directory\)/],
    ] as const) {
      const p = typeof path === 'function' ? path() : path;
      const t0 = performance.now();
      expect(() => csvSource(p)).toThrow(re);
      expect(performance.now() - t0).toBeLessThan(100);
    }
    expect(() => csvSource(join(dir, 'sparse.csv'))).toThrow(/3000\.0 MB, over the 10 MB limit/);
    expect(() => csvSource(join(dir, 'missing.csv'))).toThrow(
      /cannot read '.*missing\.csv' \(no such file\)/,
    );
  });

  it('CLI: /dev/zero, a FIFO, a directory, a 3 GB sparse file → exit 2, one line, < 2 s over start-up', () => {
    const base = srnn('--help');
    expect(base.code).toBe(0);
    const cases: Array<[string, RegExp]> = [
      [
        '/dev/zero',
        /^srnn: \/dev\/zero: not a regular file \(a character device\); --data reads regular files only$/,
      ],
      [fifo, /: not a regular file \(a FIFO \(named pipe\)\); --data reads regular files only$/],
      [dir, /: not a regular file \(a directory\); --data reads regular files only$/],
      [join(dir, 'sparse.csv'), /The file is 3000\.0 MB, over the 10 MB limit/],
    ];
    for (const [path, re] of cases) {
      const r = srnn('--data', path);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(re);
      expect(r.ms - base.ms).toBeLessThan(2000);
    }
  });
});

describe('--data: text as the browser reads it', () => {
  it('decodes a BOM the way Chromium File.text() does', () => {
    const text = 'date,x\n1,2\n';
    const le = Buffer.from('\ufeff' + text, 'utf16le');
    expect(decodeLikeBrowser(le)).toBe(text);
    const be = Buffer.from(le);
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    expect(decodeLikeBrowser(be)).toBe(text);
    // UTF-8 with a BOM keeps it in the text (the CSV reader drops it, as before); no BOM: UTF-8,
    // invalid bytes become U+FFFD as in the browser.
    expect(decodeLikeBrowser(Buffer.from('\ufeff' + text))).toBe('\ufeff' + text);
    expect(decodeLikeBrowser(Uint8Array.from([0x61, 0xff, 0x62, 0xc3, 0x28]))).toBe(
      'a\ufffdb\ufffd(',
    );
  });

  it('UTF-16LE and UTF-16BE files give the same run as the UTF-8 file', () => {
    const ref = srnn(RUN, '--data', join(dir, 'utf8.csv'));
    expect(ref.code).toBe(0);
    const want = JSON.parse(ref.stdout);
    for (const name of ['utf8bom.csv', 'utf16le.csv', 'utf16be.csv']) {
      const r = srnn(RUN, '--data', join(dir, name));
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(JSON.stringify(doc.metrics)).toBe(JSON.stringify(want.metrics));
      expect(JSON.stringify(doc.eigenvalues)).toBe(JSON.stringify(want.eigenvalues));
      expect(doc.query).toBe(`v=2&sys=csv&file=${name}&delay=3&width=20&horizon=5`);
    }
  });
});

describe('messages show untrusted text, they do not obey it', () => {
  it('escape, bidi-override and newline characters in a path are printed as \\u escapes', () => {
    const name = join(dir, 'x\u001b[31mred\u202eevil\nline.csv');
    const r = srnn('--data', name);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(r.stderr.includes('\u001b') || r.stderr.includes('\u202e')).toBe(false);
    expect(lines[0]).toContain('x\\u001b[31mred\\u202eevil\\u000aline.csv');
  });

  it('a file name a link cannot carry is left out of the query; the run still works', () => {
    const odd = join(dir, 'bell\u0007.csv');
    writeFileSync(odd, CSV);
    const r = srnn(RUN, '--data', odd);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.query).toBe('v=2&sys=csv&delay=3&width=20&horizon=5');
    expect(doc.config.file).toBe('');
  });
});
