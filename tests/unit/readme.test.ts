import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramsTable } from '../../src/cli/paramsTable';

describe('README', () => {
  it('parameter table matches the run schema', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = readme.split('<!-- params:start -->')[1].split('<!-- params:end -->')[0].trim();
    // Cells compared after trimming: prettier pads markdown tables for alignment.
    const cells = (t: string) =>
      t.split('\n').map((row) => row.split('|').map((c) => c.trim().replace(/^-+$/, '-')));
    expect(cells(block)).toEqual(cells(paramsTable()));
  });
});
