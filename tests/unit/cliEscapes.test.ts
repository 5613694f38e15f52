/**
 * CLI messages never send a CSV's escape bytes or bidi characters to the terminal (issue 16):
 * a cell or a header carrying ESC sequences, an override or a newline is quoted as \u escapes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'srnn-esc-'));
function srnn(csv: string) {
  const file = join(dir, 'data.csv');
  writeFileSync(file, csv);
  const r = spawnSync('npm', ['run', '--silent', 'srnn', '--', '--data', file], {
    encoding: 'utf8',
  });
  return { code: r.status, stderr: r.stderr };
}
// eslint-disable-next-line no-control-regex -- the raw bytes a terminal would obey
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('CLI messages quote CSV content as visible escapes', () => {
  it('a non-numeric cell with ESC, CSI and an override: exit 2, one line, no raw byte', () => {
    const r = srnn('date,x\n2020-01-01,1\n2020-01-02,\u001b[2J\u001b]0;pwned\u0007\u202eevil\n');
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain("'\\u001b[2J\\u001b]0;pwned\\u0007\\u202eevil'");
  });

  it('a header with escape bytes named in a message is escaped too', () => {
    const r = srnn('date,x\u001b[31m\u0085\n2020-01-01,1\n2020-01-02,abc\n');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('x\\u001b[31m\\u0085');
  });
});
