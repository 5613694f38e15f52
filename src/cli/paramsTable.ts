/** The README's parameter table, generated from the run schema (a unit test keeps them in sync). */
import { FIELDS, allowedRange } from '../run/schema';
import { defaultsText } from './help';

/** A table cell's text: a literal `|` (as in |u| ≤ u_max) would end the cell. */
const cell = (s: string) => s.replaceAll('|', '\\|');

export function paramsTable(): string {
  const rows = ['| key | meaning | allowed | default |', '|---|---|---|---|'];
  for (const f of FIELDS) {
    const defaults = defaultsText(f);
    const where = f.systems ? ` (${f.systems.join(', ')})` : '';
    const unit = f.unit ? ` [${f.unit}]` : '';
    rows.push(
      `| \`${f.key}\` | ${cell(`${f.label}${unit}${where}: ${f.doc}`)} | ${cell(allowedRange(f))} | ${cell(defaults)} |`,
    );
  }
  return rows.join('\n');
}
