/**
 * The CLI's `--eigen` option and its JSON: the `eigen` object of the document (METHOD.md §12) —
 * the leading eigenvalues of K with their ResDMD residuals, the k = 1 eigenvalue and, for 2-D
 * systems, the phase advance of its eigenfunction along the limit cycle. `--full` adds the grid
 * maps (|φ| and arg φ, ny×nx row-major) and the orbit. Plain numbers (non-finite: null).
 */
import type { EigenfunctionAnalysis } from '../run/eigenfunctions';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function eigenJson(a: EigenfunctionAnalysis, full: boolean): Record<string, unknown> {
  const o = a.orbit;
  return {
    spectrumRank: a.spectrumRank,
    principal: a.principal,
    pairs: a.pairs.map((p) => ({
      index: p.index,
      re: p.re,
      im: p.im,
      modulus: p.modulus,
      frequency: p.frequency,
      growth: num(p.growth),
      residual: num(p.residual),
      vectorResidual: p.vectorResidual,
    })),
    orbit: o && {
      steps: o.steps,
      advanceMean: o.advanceMean,
      advanceMin: o.advanceMin,
      advanceMax: o.advanceMax,
      advanceRms: o.advanceRms,
      omegaDt: o.omegaDt,
      ...(full ? { states: Array.from(o.states), phase: Array.from(o.phase) } : {}),
    },
    ...(full && a.grid
      ? {
          grid: {
            nx: a.grid.nx,
            ny: a.grid.ny,
            x: Array.from(a.grid.x),
            y: Array.from(a.grid.y),
            modulus: a.grid.modulus.map((v) => Array.from(v)),
            phase: a.grid.phase.map((v) => Array.from(v)),
          },
        }
      : {}),
    warnings: a.warnings,
    timingsMs: a.timingsMs,
  };
}
