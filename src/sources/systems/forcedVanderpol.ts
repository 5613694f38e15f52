import { muParam, vanderpol } from './vanderpol';
import type { SystemSpec } from './types';

/**
 * Forced van der Pol oscillator x' = y, y' = μ(1 − x²)y − x + u: the input is a force on y'.
 * Unforced it has a stable limit cycle (METHOD.md §7) and an unstable focus at the origin, so
 * "bring it to the origin" needs a controller that keeps pushing.
 */
export const forcedVanderpol: SystemSpec = {
  id: 'forcedvdp',
  label: 'Forced van der Pol (input u)',
  dim: 2,
  stateNames: ['x', 'y'],
  inputs: 1,
  inputNames: ['u'],
  inputDoc: 'force added to y′',
  params: [muParam],
  rhs(x, u, p, out) {
    out[0] = x[1];
    out[1] = p.mu * (1 - x[0] * x[0]) * x[1] - x[0] + u[0];
  },
  jacobian(x, u, p, out) {
    vanderpol.jacobian!(x, u, p, out); // the input enters additively: ∂f/∂x is the unforced one
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
    ntraj: 200,
    len: 200,
    width: 200,
    horizon: 300,
    ntest: 10,
    reg: 1e-10,
    x0: 2,
    y0: 0,
    gx: 0.5,
    gy: 0,
  },
  taskNote:
    'Unforced, the oscillator settles on its limit cycle; the origin is an unstable focus the controller must hold it at.',
  facts: vanderpol.facts, // the unforced oscillator's limit cycle (u = 0)
};
