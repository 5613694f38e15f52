/**
 * `--compare <kind>` of the CLI (issue 13): the comparisons of src/run/sweep.ts as one JSON
 * document, for tables in a paper or a handout. Options:
 *   --compare <kind> | --compare=<kind>   sampler, esn, edmd, rollout, width, ndata
 *   --values=a,b,…                        swept values (width: M; ndata: training pairs)
 *   --compare-seeds=a,b,…                 seeds (default: the query's seed)
 *   --with-esn                            width/ndata sweeps: add the echo state network
 * Output: {compare: kind, base, seeds, rows[], summary[], crossover, crossoverBy, bptt}.
 */
import { COMPARE_KINDS, type CompareKind, type CompareOptions } from '../run/sweep';

export interface CompareRequest {
  kind: CompareKind;
  opts: CompareOptions;
}

export const COMPARE_HELP = [
  'Comparisons (issue 13) of free systems, as JSON {compare, base, rows, summary, crossover, bptt}:',
  `  --compare <kind>     ${COMPARE_KINDS.join(' | ')}: SWIM vs random features; + an echo state`,
  '                       network (N = width); EDMD vs direct regression; re-lifted vs linear rollout;',
  '                       a width sweep; a training-data sweep (pairs). Rows per run, medians per variant.',
  '  --values=a,b,…       swept values (width: M, default 10…800; ndata: pairs, default 500…20000)',
  '  --compare-seeds=a,…  seeds of every variant (default: the query seed)',
  '  --with-esn           width/ndata sweeps: add the echo state network',
  '  trainMs = sample + features + solve stages (wall time; noisy on a shared machine).',
];

const intList = (s: string): number[] | null => {
  const items = s.split(',').map((x) => x.trim());
  if (items.some((x) => !/^\d+$/.test(x))) return null;
  return items.map(Number);
};

/**
 * Takes the compare arguments out of argv: the rest (for the ordinary parser), the request (or
 * null) and the first problem in words (or null).
 */
export function takeCompareArgs(argv: string[]): {
  rest: string[];
  request: CompareRequest | null;
  error: string | null;
} {
  const rest: string[] = [];
  let kind: string | null = null;
  const opts: CompareOptions = {};
  let error: string | null = null;
  let extras = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--compare' || a.startsWith('--compare=')) {
      if (kind !== null) error ??= '--compare given more than once';
      kind = a === '--compare' ? (argv[++i] ?? '') : a.slice('--compare='.length);
    } else if (a.startsWith('--values=')) {
      const v = intList(a.slice('--values='.length));
      if (!v) error ??= `--values must be a comma list of positive integers, got '${a.slice(9)}'`;
      else opts.values = v;
      extras = true;
    } else if (a.startsWith('--compare-seeds=')) {
      const v = intList(a.slice('--compare-seeds='.length));
      if (!v || v.length > 20)
        error ??= `--compare-seeds must be a comma list of up to 20 integers, got '${a.slice(16)}'`;
      else opts.seeds = v;
      extras = true;
    } else if (a === '--with-esn') {
      opts.withEsn = true;
      extras = true;
    } else rest.push(a);
  }
  if (kind === null) {
    if (extras) error ??= '--values, --compare-seeds and --with-esn need --compare <kind>';
    return { rest, request: null, error };
  }
  if (!(COMPARE_KINDS as readonly string[]).includes(kind))
    error ??= `--compare must be one of ${COMPARE_KINDS.join(', ')}, got '${kind}'`;
  return { rest, request: error ? null : { kind: kind as CompareKind, opts }, error };
}
