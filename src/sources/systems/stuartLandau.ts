import type { SystemSpec } from './types';

/**
 * Stuart–Landau oscillator (the normal form of a supercritical Hopf bifurcation),
 * ż = (μ + iω) z − |z|² z with z = x + iy:
 *   x' = μx − ωy − (x² + y²) x,   y' = ωx + μy − (x² + y²) y.
 * In polar form r' = μr − r³, θ' = ω: for μ > 0 a stable limit cycle of radius √μ travelled at
 * angular frequency ω (period 2π/ω), with transverse Floquet exponent −2μ. Its Koopman eigenvalues
 * on the cycle are known exactly: e^{ikωΔt}, a ladder on the unit circle at angles k·ω·Δt
 * (METHOD.md §5, §7).
 */
export const stuartLandau: SystemSpec = {
  id: 'stuartlandau',
  label: 'Stuart–Landau (Hopf normal form)',
  dim: 2,
  stateNames: ['x', 'y'],
  params: [
    {
      key: 'growth',
      label: 'μ (growth rate)',
      default: 1,
      min: 0.05,
      max: 5,
      unit: '1/time',
      doc: 'Linear growth rate of the Hopf normal form: the limit cycle has radius √μ.',
    },
    {
      key: 'omega',
      label: 'ω (angular frequency)',
      default: 1,
      min: 0.1,
      max: 10,
      unit: 'rad/time',
      doc: 'Angular frequency of the rotation: the cycle takes 2π/ω.',
    },
  ],
  inputs: 0,
  inputNames: [],
  inputDoc: '',
  taskNote: '',
  rhs(x, _u, p, out) {
    const r2 = x[0] * x[0] + x[1] * x[1];
    out[0] = p.growth * x[0] - p.omega * x[1] - r2 * x[0];
    out[1] = p.omega * x[0] + p.growth * x[1] - r2 * x[1];
  },
  jacobian(x, _u, p, out) {
    const r2 = x[0] * x[0] + x[1] * x[1];
    out[0] = p.growth - r2 - 2 * x[0] * x[0];
    out[1] = -p.omega - 2 * x[0] * x[1];
    out[2] = p.omega - 2 * x[0] * x[1];
    out[3] = p.growth - r2 - 2 * x[1] * x[1];
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
    ntraj: 100,
    len: 200,
    width: 200,
    horizon: 200,
    ntest: 20,
    reg: 1e-12,
    rank: 401,
  },
  facts: [1, 2, 0.5].map((omega) => ({
    when: { growth: 1, omega },
    omega,
    period: (2 * Math.PI) / omega,
    floquet: -2,
    note: `limit cycle of radius 1, period ${+((2 * Math.PI) / omega).toFixed(4)}`,
  })),
};
