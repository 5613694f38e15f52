import type { ParamSpec, SystemSpec } from './types';

/** μ, shared with the forced oscillator (one `mu` control for both). */
export const muParam: ParamSpec = {
  key: 'mu',
  label: 'μ (damping)',
  default: 1,
  min: 0.05,
  max: 5,
  unit: '1',
  doc: 'Nonlinear damping strength; larger μ gives a sharper, slower relaxation oscillation.',
};

/**
 * Van der Pol oscillator x' = y, y' = μ(1 − x²)y − x: a stable limit cycle for μ > 0.
 * Reference periods and Floquet exponents from METHOD.md §7.
 */
export const vanderpol: SystemSpec = {
  id: 'vanderpol',
  label: 'Van der Pol oscillator',
  dim: 2,
  stateNames: ['x', 'y'],
  params: [muParam],
  inputs: 0,
  inputNames: [],
  inputDoc: '',
  taskNote: '',
  rhs(x, _u, p, out) {
    out[0] = x[1];
    out[1] = p.mu * (1 - x[0] * x[0]) * x[1] - x[0];
  },
  jacobian(x, _u, p, out) {
    out[0] = 0;
    out[1] = 1;
    out[2] = -2 * p.mu * x[0] * x[1] - 1;
    out[3] = p.mu * (1 - x[0] * x[0]);
  },
  initialBox: [
    [-3, 3],
    [-3, 3],
  ],
  maxStep: 0.01,
  chaotic: false,
  transientTime: 0,
  defaults: {
    dt: 0.1,
    ntraj: 100,
    len: 200,
    width: 200,
    horizon: 200,
    ntest: 20,
    reg: 1e-12,
    rank: 401,
  },
  facts: [
    {
      when: { mu: 1 },
      period: 6.6633,
      omega: 0.94296,
      floquet: -1.0594,
      note: 'limit cycle period 6.6633',
    },
    {
      when: { mu: 2 },
      period: 7.6299,
      omega: 0.8235,
      floquet: -2.3826,
      note: 'limit cycle period 7.6299',
    },
    {
      when: { mu: 0.5 },
      period: 6.3807,
      omega: (2 * Math.PI) / 6.3807,
      note: 'limit cycle period 6.3807',
    },
  ],
};
