import type { SystemSpec } from './types';

/** Rössler: x' = −y − z, y' = x + a·y, z' = b + z(x − c). Chaotic at a = b = 0.2, c = 5.7. */
export const rossler: SystemSpec = {
  id: 'rossler',
  label: 'Rössler',
  dim: 3,
  stateNames: ['x', 'y', 'z'],
  params: [
    {
      key: 'a',
      label: 'a',
      default: 0.2,
      min: 0.01,
      max: 0.4,
      unit: '1',
      doc: 'Growth of the oscillation in the x–y plane.',
    },
    {
      key: 'b',
      label: 'b',
      default: 0.2,
      min: 0.01,
      max: 2,
      unit: '1',
      doc: 'Constant forcing of z.',
    },
    {
      key: 'c',
      label: 'c',
      default: 5.7,
      min: 1,
      max: 20,
      unit: '1',
      doc: 'Threshold in x above which z spikes; chaos near 5.7.',
    },
  ],
  inputs: 0,
  inputNames: [],
  inputDoc: '',
  taskNote: '',
  rhs(x, _u, p, out) {
    out[0] = -x[1] - x[2];
    out[1] = x[0] + p.a * x[1];
    out[2] = p.b + x[2] * (x[0] - p.c);
  },
  jacobian(x, _u, p, out) {
    out[0] = 0;
    out[1] = -1;
    out[2] = -1;
    out[3] = 1;
    out[4] = p.a;
    out[5] = 0;
    out[6] = x[2];
    out[7] = 0;
    out[8] = x[0] - p.c;
  },
  initialBox: [
    [-8, 8],
    [-8, 8],
    [0, 1],
  ],
  maxStep: 0.01,
  chaotic: true,
  transientTime: 100,
  defaults: {
    dt: 0.05,
    ntraj: 1,
    len: 10000,
    width: 300,
    horizon: 1500,
    ntest: 20,
    reg: 1e-10,
    rank: 100,
  },
  facts: [
    {
      when: { a: 0.2, b: 0.2, c: 5.7 },
      lyapunov: 0.0714,
      note: 'λ_max ≈ 0.0714, Lyapunov time ≈ 14.0',
    },
  ],
};
