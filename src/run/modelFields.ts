/**
 * The run-schema fields of the model (the "Model" group): width, sampler, activation, the ridge
 * and how it is chosen, the seed and the Koopman rank. Spread into FIELDS by schema.ts.
 */
import { SAMPLERS } from '../method/sampling';
import { LIMITS, sysDefault } from './fieldDefaults';
import { idsOf } from './registry';
import type { Field } from './schema';

export const modelFields: Field[] = [
  {
    key: 'width',
    label: 'Width M',
    group: 'model',
    kind: 'int',
    min: 1,
    max: LIMITS.maxWidth,
    scale: 'log',
    unit: 'neurons',
    doc: 'Number of sampled hidden neurons; K is (M+1)×(M+1).',
    default: sysDefault('width', 400),
  },
  {
    key: 'sampler',
    label: 'Sampler',
    group: 'model',
    kind: 'enum',
    options: SAMPLERS.map((x) => x.id),
    optionLabels: Object.fromEntries(SAMPLERS.map((x) => [x.id, x.label])),
    unit: '',
    doc: 'SWIM places each neuron between a pair of data points; random features ignore the data.',
    default: () => 'swim',
  },
  {
    key: 'act',
    label: 'Activation',
    group: 'model',
    kind: 'enum',
    options: ['tanh', 'relu'],
    unit: '',
    doc: 'Nonlinearity σ of the hidden layer ψ(x) = σ(Wx + b).',
    default: () => 'tanh',
  },
  {
    key: 'reg',
    label: 'Regularisation λ_rel',
    group: 'model',
    kind: 'float',
    min: 0,
    max: 1,
    scale: 'log',
    unit: '× trace(G)/(M+1)',
    doc: 'Ridge strength relative to the mean diagonal of the Gram matrix, same meaning at every width.',
    default: sysDefault('reg', 1e-10),
  },
  {
    key: 'regsel',
    label: 'Choose λ',
    group: 'model',
    kind: 'enum',
    options: ['fixed', 'cv'],
    optionLabels: { fixed: 'Fixed (λ_rel above)', cv: 'Validated on held-out data' },
    unit: '',
    doc: 'Fixed uses λ_rel as set; validated fits on the first 80 % of every training trajectory and picks the λ_rel in 1e-14…1e-2 whose forecasts of the last 20 % are best (free systems and measured series).',
    default: () => 'fixed',
  },
  {
    key: 'seed',
    label: 'Seed',
    group: 'model',
    kind: 'int',
    min: 0,
    max: 4294967295,
    scale: 'linear',
    unit: '',
    doc: 'Seed of the random generator: same seed and settings give bit-identical weights.',
    default: () => 1,
  },
  {
    key: 'rank',
    systems: [...idsOf('free'), ...idsOf('series')],
    label: 'Koopman rank r',
    group: 'model',
    kind: 'int',
    min: 1,
    max: LIMITS.maxWidth + 1,
    scale: 'log',
    unit: 'modes',
    doc: 'When M+1 exceeds r, K is projected onto the r leading POD directions for the spectrum and the linear rollout (the RNN stays exact).',
    default: sysDefault('rank', 100),
  },
];
