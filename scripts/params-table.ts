/**
 * The README's parameter table from the run schema. `npx tsx scripts/params-table.ts` prints it;
 * `--write` replaces the block between <!-- params:start --> and <!-- params:end --> in README.md
 * (then run prettier on README.md). tests/unit/readme.test.ts checks the two agree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { paramsTable } from '../src/cli/paramsTable';

if (process.argv.includes('--write')) {
  const readme = readFileSync('README.md', 'utf8');
  const [head, rest] = readme.split('<!-- params:start -->');
  const tail = rest.split('<!-- params:end -->')[1];
  writeFileSync(
    'README.md',
    `${head}<!-- params:start -->\n\n${paramsTable()}\n\n<!-- params:end -->${tail}`,
  );
} else process.stdout.write(paramsTable() + '\n');
