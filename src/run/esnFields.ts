/**
 * The run-schema fields of the echo state network baseline (issue 13): `net=esn` switches a
 * free system's run from the sampled network to a reservoir with a ridge readout
 * (src/method/esn.ts, src/run/esnRun.ts). Every default leaves existing links unchanged: `model`
 * defaults to the sampled network and the esn* keys are read only when net=esn. Spread into
 * FIELDS by schema.ts.
 */
import { LIMITS, sysDefault } from './fieldDefaults';
import { entryOf, idsOf, isRegistered } from './registry';
import type { Field } from './schema';

const FREE = idsOf('free');
const isEsn = (cfg: Record<string, number | string>) => cfg.net === 'esn';

/** Default warm-up: 200 steps where test starts have a past (chaotic systems), else 0. */
function defaultWarm(sys: string): number {
  const spec = isRegistered(sys) ? entryOf(sys).spec : null;
  return spec && spec.chaotic ? 200 : 0;
}

export const esnFields: Field[] = [
  {
    key: 'net',
    systems: FREE,
    label: 'Network',
    group: 'model',
    kind: 'enum',
    options: ['rnn', 'esn'],
    optionLabels: { rnn: 'Sampled RNN (no gradients)', esn: 'Echo state network (baseline)' },
    unit: '',
    doc: 'The sampled recurrent network (sampled weights + EDMD), or an echo state network: a fixed random reservoir with a ridge-regression readout, trained on the same data and scored on the same test starts.',
    default: () => 'rnn',
  },
  {
    key: 'esnsize',
    systems: FREE,
    shownWhen: isEsn,
    label: 'Reservoir size N',
    group: 'model',
    kind: 'int',
    min: 1,
    max: LIMITS.maxWidth,
    scale: 'log',
    unit: 'units',
    doc: 'Number of reservoir units; the readout reads [r; r²; 1], 2N+1 features (default: the system’s default width).',
    default: sysDefault('width', 400),
  },
  {
    key: 'esnrho',
    systems: FREE,
    shownWhen: isEsn,
    label: 'Spectral radius ρ',
    group: 'model',
    kind: 'float',
    min: 0,
    max: 3,
    scale: 'linear',
    unit: '1',
    doc: 'The reservoir matrix is scaled so that its largest eigenvalue modulus is exactly ρ (memory: below 1 the reservoir forgets its past).',
    default: () => 0.9,
  },
  {
    key: 'esnin',
    systems: FREE,
    shownWhen: isEsn,
    label: 'Input scaling',
    group: 'model',
    kind: 'float',
    min: 0,
    max: 10,
    scale: 'linear',
    unit: '1',
    doc: 'Input weights and biases are uniform in [−s, s]; the inputs are the standardised states.',
    default: () => 0.5,
  },
  {
    key: 'esnleak',
    systems: FREE,
    shownWhen: isEsn,
    label: 'Leak rate a',
    group: 'model',
    kind: 'float',
    min: 0.001,
    max: 1,
    scale: 'linear',
    unit: '1',
    doc: 'r ← (1−a) r + a tanh(…): 1 replaces the state each step, smaller values keep more of it.',
    default: () => 1,
  },
  {
    key: 'esnreg',
    systems: FREE,
    shownWhen: isEsn,
    label: 'Readout ridge λ_rel',
    group: 'model',
    kind: 'float',
    min: 0,
    max: 1,
    scale: 'log',
    unit: '× trace(G)/(2N+1)',
    doc: 'Ridge of the readout’s least squares, relative to the mean diagonal of its Gram matrix.',
    default: () => 1e-8,
  },
  {
    key: 'esnwarm',
    systems: FREE,
    shownWhen: isEsn,
    label: 'Warm-up',
    group: 'model',
    kind: 'int',
    min: 0,
    max: 5000,
    scale: 'linear',
    unit: 'steps',
    doc: 'Steps of the true past fed to the reservoir before each test forecast (and dropped at the start of each training trajectory, at most half of it). Only chaotic systems’ test starts have a past (their transient); others need 0.',
    default: defaultWarm,
  },
];
