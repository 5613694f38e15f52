/** The README's parameter table, generated from the run schema (a unit test keeps them in sync). */
import { FIELDS, allowedRange } from '../config/schema';
import { defaultsText } from './help';

export function paramsTable(): string {
  const rows = ['| key | meaning | allowed | default |', '|---|---|---|---|'];
  for (const f of FIELDS) {
    const defaults = defaultsText(f);
    const where = f.systems ? ` (${f.systems.join(', ')})` : '';
    const unit = f.unit ? ` [${f.unit}]` : '';
    rows.push(
      `| \`${f.key}\` | ${f.label}${unit}${where}: ${f.doc} | ${allowedRange(f)} | ${defaults} |`,
    );
  }
  return rows.join('\n');
}
