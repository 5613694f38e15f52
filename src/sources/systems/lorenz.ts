import type { SystemSpec } from './types';

/** Lorenz-63: x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz. Chaotic at σ=10, ρ=28, β=8/3. */
export const lorenz: SystemSpec = {
  id: 'lorenz',
  label: 'Lorenz-63',
  dim: 3,
  stateNames: ['x', 'y', 'z'],
  params: [
    {
      key: 'sigma',
      label: 'σ',
      default: 10,
      min: 0.1,
      max: 50,
      unit: '1',
      doc: 'Prandtl number: coupling of x to y.',
    },
    {
      key: 'rho',
      label: 'ρ',
      default: 28,
      min: 0.1,
      max: 200,
      unit: '1',
      doc: 'Rayleigh number: chaos for ρ ≳ 24.74.',
    },
    {
      key: 'beta',
      label: 'β',
      default: 8 / 3,
      min: 0.05,
      max: 10,
      unit: '1',
      doc: 'Geometric factor: damping of z.',
    },
  ],
  inputs: 0,
  inputNames: [],
  inputDoc: '',
  taskNote: '',
  rhs(x, _u, p, out) {
    out[0] = p.sigma * (x[1] - x[0]);
    out[1] = x[0] * (p.rho - x[2]) - x[1];
    out[2] = x[0] * x[1] - p.beta * x[2];
  },
  jacobian(x, _u, p, out) {
    out[0] = -p.sigma;
    out[1] = p.sigma;
    out[2] = 0;
    out[3] = p.rho - x[2];
    out[4] = -1;
    out[5] = -x[0];
    out[6] = x[1];
    out[7] = x[0];
    out[8] = -p.beta;
  },
  initialBox: [
    [-15, 15],
    [-20, 20],
    [5, 40],
  ],
  maxStep: 0.002,
  chaotic: true,
  transientTime: 20,
  defaults: {
    dt: 0.01,
    ntraj: 1,
    len: 10000,
    width: 500,
    horizon: 1000,
    ntest: 20,
    reg: 1e-10,
    rank: 100,
  },
  facts: [
    {
      when: { sigma: 10, rho: 28, beta: 8 / 3 },
      lyapunov: 0.9056,
      note: 'λ_max ≈ 0.9056, Lyapunov time ≈ 1.104',
    },
  ],
};
