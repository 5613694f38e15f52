/** Prints the README's parameter table from the run schema: `npx tsx scripts/params-table.ts`. */
import { paramsTable } from '../src/cli/paramsTable';

process.stdout.write(paramsTable() + '\n');
