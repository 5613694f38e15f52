/** The CLI's --help text, generated from the run schema. */
import { FIELDS, allowedRange } from '../config/schema';
import { SYSTEMS } from '../core/systems/registry';

export function helpText(): string {
  const lines = [
    'Sampled RNN Lab — train a sampled recurrent network (SWIM / random features + EDMD) headless.',
    '',
    'usage: npm run --silent srnn -- "<query>" [--full]',
    '       e.g. npm run --silent srnn -- "sys=lorenz&width=1000&seed=7"',
    '',
    'Prints one JSON document (config, query, timingsMs, metrics, eigenvalues, warnings) and exits 0.',
    '--full adds the test trajectories and both forecasts. Bad input: one line on stderr, exit 2.',
    '',
    'keys (default for vanderpol; system-dependent defaults listed after the key):',
  ];
  for (const f of FIELDS) {
    const perSys = Object.keys(SYSTEMS)
      .filter((s) => f.default(s) !== f.default('vanderpol'))
      .map((s) => `${s}: ${f.default(s)}`);
    const where = f.systems ? ` [${f.systems.join(', ')} only]` : '';
    lines.push(
      `  ${f.key.padEnd(8)} ${allowedRange(f)}${f.unit ? ` (${f.unit})` : ''}; default ${f.default(f.systems?.[0] ?? 'vanderpol')}${perSys.length && !f.systems ? ` (${perSys.join(', ')})` : ''}${where}`,
      `           ${f.doc}`,
    );
  }
  return lines.join('\n');
}
