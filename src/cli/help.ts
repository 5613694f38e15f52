/** The CLI's --help text, generated from the run schema. */
import { FIELD_BY_KEY, FIELDS, allowedRange, type Field } from '../run/schema';
import { CSV_LIMITS } from '../sources/series/csv';
import { COMPARE_HELP } from './compareCli';

/** The systems a field applies to (every entry of `sys` when it names none). */
export function systemsOf(f: Field): string[] {
  const all = FIELD_BY_KEY.sys.kind === 'enum' ? [...FIELD_BY_KEY.sys.options] : [];
  return f.systems ?? all;
}

/** A field's default, or its per-system defaults when they differ ("vanderpol: 0.1; …"). */
export function defaultsText(f: Field, sep = '; '): string {
  const sys = systemsOf(f);
  const show = (v: number | string) => (v === '' ? "''" : String(v));
  const values = sys.map((s) => show(f.default(s)));
  return new Set(values).size === 1 ? values[0] : sys.map((s, i) => `${s}: ${values[i]}`).join(sep);
}

export function helpText(): string {
  const lines = [
    'Sampled RNN Lab — train a sampled recurrent network (SWIM / random features + EDMD) headless.',
    '',
    'usage: npm run --silent srnn -- "<query>" [--full] [--data file.csv] [--lyap] [--stats] [--seeds=N]',
    '       e.g. npm run --silent srnn -- "sys=lorenz&width=1000&seed=7"',
    '            npm run --silent srnn -- "sys=weather&city=new_york"   (shipped NOAA records)',
    '            npm run --silent srnn -- "delay=6&cols=x,y" --data my.csv   (--data implies sys=csv)',
    '',
    'Prints one JSON document (config, query, timingsMs, metrics, eigenvalues, warnings) and exits 0.',
    '--full adds the test trajectories and both forecasts. Bad input: one line on stderr, exit 2.',
    `--data reads a regular file of at most ${CSV_LIMITS.maxBytes / 1e6} MB (UTF-8, or UTF-16 with a byte-order mark, as`,
    'in the browser); a directory, FIFO or device is refused without reading it.',
    '',
    'Free systems (vanderpol, lorenz, rossler, stuartlandau) can also be analysed over long times:',
    '  --lyap[=steps]   adds `lyapunov`: the Lyapunov spectrum of the RNN (Benettin/QR on x ↦ CK Ψ(x),',
    '                   analytic Jacobian) and of the true system (same estimator on its RK4 map),',
    '                   per unit model time, with Σλ, the Kaplan–Yorke dimension and references;',
    '                   steps after a warm-up of 2000 (default 100000).',
    '  --stats[=steps]  adds `stats`: a free run of the RNN against the true system from the same',
    '                   test start (default 100000 steps): per component the 1-Wasserstein distance',
    '                   of the marginals and the Hellinger distance of the power spectra, each with',
    '                   its floor (the same distance between two stretches of the true system), and',
    '                   the step where the free run left the attractor (leftAt, −1 if never).',
    '  --eigen          adds `eigen`: the 12 leading eigenvalues of K with their ResDMD residuals',
    '                   (Koopman eigenfunctions φ = ξᴴΨ from left eigenvectors) and, for 2-D systems,',
    '                   the phase advance per step of the k = 1 eigenfunction along the limit cycle.',
    '  With --full they add the running estimates, densities, spectra and z-maxima return map',
    '  (--eigen: the |φ| and arg φ grids and the orbit).',
    '  --seeds=N        adds `seeds`: the same settings trained with seeds s … s+N−1 (2 ≤ N ≤ 20),',
    '                   every scalar metric as mean, sample std, min, max and the N values.',
    '  --bptt=lstm[,gru][,budget=30][,units=32][,lr=0.003][,window=50][,batch=32]',
    '                   adds `bptt`: an LSTM and/or GRU trained by backpropagation through time',
    '                   (TensorFlow.js, wasm backend; --bptt-cpu forces the CPU backend) on the',
    '                   same training pairs for `budget` seconds of training, with its learning',
    '                   curve, the same metrics as the sampled network, the time to reach one-step',
    '                   MSE 1e-2 and 1e-3, and `comparison` (ratio of training times at equal MSE).',
    '',
    ...COMPARE_HELP,
    '',
    '--threads=N (1–64) splits the passes over the data and the forecasts over N threads (worker',
    'threads); the numbers are bit-identical for every N. Default: all cores when width × pairs ≥ 1.5·10⁷.',
    '',
    'keys (system-dependent defaults listed per system):',
  ];
  for (const f of FIELDS) {
    const where = f.systems ? ` [${f.systems.join(', ')} only]` : '';
    lines.push(
      `  ${f.key.padEnd(8)} ${allowedRange(f)}${f.unit ? ` (${f.unit})` : ''}; default ${defaultsText(f, ', ')}${where}`,
      `           ${f.doc}`,
    );
  }
  return lines.join('\n');
}
