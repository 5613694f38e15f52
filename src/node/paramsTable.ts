/** The README's parameter table, generated from the run schema (a unit test keeps them in sync). */
import { FIELDS, allowedRange } from '../config/schema';
import { SYSTEMS } from '../core/systems/registry';

export function paramsTable(): string {
  const rows = ['| key | meaning | allowed | default |', '|---|---|---|---|'];
  for (const f of FIELDS) {
    const sysIds = Object.keys(SYSTEMS);
    const defaults = f.systems
      ? String(f.default(f.systems[0]))
      : new Set(sysIds.map((s) => String(f.default(s)))).size === 1
        ? String(f.default('vanderpol'))
        : sysIds.map((s) => `${s}: ${f.default(s)}`).join('; ');
    const where = f.systems ? ` (${f.systems.join(', ')})` : '';
    const unit = f.unit ? ` [${f.unit}]` : '';
    rows.push(
      `| \`${f.key}\` | ${f.label}${unit}${where}: ${f.doc} | ${allowedRange(f)} | ${defaults} |`,
    );
  }
  return rows.join('\n');
}
