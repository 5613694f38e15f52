import type { SystemSpec } from './types';

/**
 * Forced Duffing oscillator x' = y, y' = −δy − αx − βx³ + u (u: a force). With α < 0 < β it is a
 * double well: stable equilibria at x = ±√(−α/β), a saddle (the hilltop) at the origin. Steering
 * from one well onto the hilltop, or over it into the other well, is the control task.
 */
export const duffing: SystemSpec = {
  id: 'duffing',
  label: 'Duffing double well (input u)',
  dim: 2,
  stateNames: ['x', 'y'],
  inputs: 1,
  inputNames: ['u'],
  inputDoc: 'force added to y′',
  params: [
    {
      key: 'delta',
      label: 'δ (damping)',
      default: 0.5,
      min: 0,
      max: 5,
      unit: '1/time',
      doc: 'Linear damping of the Duffing oscillator.',
    },
    {
      key: 'alpha',
      label: 'α (linear stiffness)',
      default: -1,
      min: -5,
      max: 5,
      unit: '1/time²',
      doc: 'Linear stiffness; negative values make the origin a hilltop between two wells.',
    },
    {
      key: 'cubic',
      label: 'β (cubic stiffness)',
      default: 1,
      min: 0,
      max: 5,
      unit: '1/(time²·x²)',
      doc: 'Cubic stiffness β of the restoring force −αx − βx³.',
    },
  ],
  rhs(x, u, p, out) {
    out[0] = x[1];
    out[1] = -p.delta * x[1] - p.alpha * x[0] - p.cubic * x[0] * x[0] * x[0] + u[0];
  },
  jacobian(x, _u, p, out) {
    out[0] = 0;
    out[1] = 1;
    out[2] = -p.alpha - 3 * p.cubic * x[0] * x[0];
    out[3] = -p.delta;
  },
  initialBox: [
    [-2, 2],
    [-2, 2],
  ],
  maxStep: 0.01,
  chaotic: false,
  transientTime: 0,
  defaults: {
    dt: 0.1,
    ntraj: 200,
    len: 200,
    width: 200,
    horizon: 300,
    ntest: 10,
    reg: 1e-10,
    x0: 1,
    y0: 0,
    gx: -1,
    gy: 0,
  },
  taskNote:
    'Unforced, the state rests at the bottom of a well (x = ±1 for α = −1, β = 1); the origin is an unstable hilltop the controller must balance it on.',
  facts: [],
};
