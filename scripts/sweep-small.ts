/**
 * Seeded sweep of small and odd settings (issue 16): few, short training trajectories, narrow
 * layers, no or tiny regularisation, both samplers, the free and the controlled systems. Every run
 * should finish with a full, finite spectrum. Prints one JSON document with the counts (finished,
 * failed by reason) and the failing links, so that a regression names its reproducer.
 *
 *   npx tsx scripts/sweep-small.ts [runs=500] [seed=16] [--digests file]
 *
 * --digests writes one line per finished run (link, SHA-256 of its metrics and eigenvalues), to
 * compare two versions of the engine run for run (`diff` of the two files).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseQuery } from '../src/run/query';
import { runPipeline } from '../src/run/pipeline';

const SYSTEMS = ['vanderpol', 'lorenz', 'rossler', 'forcedvdp', 'duffing'] as const;
const REGS = ['0', '1e-14', '1e-12', '1e-10'] as const;
const SAMPLERS = ['swim', 'random'] as const;

/** mulberry32: a small, fixed generator so the sweep's settings never depend on the engine's RNG. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The i-th link of the sweep: random ntraj 1–3, len 2–12, width 1–60, reg 0 or tiny, sampler. */
export function sweepLinks(runs: number, seed: number): string[] {
  const rnd = generator(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const links: string[] = [];
  for (let i = 0; i < runs; i++) {
    const parts = [
      `sys=${pick(SYSTEMS)}`,
      `ntraj=${int(1, 3)}`,
      `len=${int(2, 12)}`,
      `width=${int(1, 60)}`,
      `reg=${pick(REGS)}`,
      `sampler=${pick(SAMPLERS)}`,
      `seed=${int(0, 9999)}`,
      `ntest=${int(1, 3)}`,
      `horizon=${int(1, 40)}`,
    ];
    links.push(parts.join('&'));
  }
  return links;
}

function main(): void {
  const args = process.argv.slice(2);
  const d = args.indexOf('--digests');
  const digestFile = d >= 0 ? args.splice(d, 2)[1] : null;
  const runs = Number(args[0] ?? 500);
  const seed = Number(args[1] ?? 16);
  const digests: string[] = [];
  const counts = { runs, seed, finished: 0, refused: 0, failed: 0 };
  const reasons: Record<string, number> = {};
  const failures: Array<{ link: string; reason: string }> = [];
  let slowest = { link: '', ms: 0 };
  const t0 = performance.now();
  for (const link of sweepLinks(runs, seed)) {
    const { config, errors } = parseQuery(link, 'strict');
    if (errors.length > 0) {
      counts.refused++;
      failures.push({ link, reason: `refused: ${errors[0].message}` });
      continue;
    }
    const t = performance.now();
    let reason: string | null = null;
    try {
      const r = runPipeline(config);
      const { re, im } = r.eigenvalues;
      const text = JSON.stringify({ m: r.metrics, re: Array.from(re), im: Array.from(im) });
      digests.push(`${link}\t${createHash('sha256').update(text).digest('hex')}`);
      if (re.length === 0) reason = 'no eigenvalues';
      else if (![...re, ...im].every(Number.isFinite)) reason = 'non-finite eigenvalue';
    } catch (e) {
      reason = e instanceof Error ? e.message : String(e);
    }
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { link, ms: Math.round(ms) };
    if (reason === null) {
      counts.finished++;
      continue;
    }
    counts.failed++;
    // Group by the message without its numbers ("after 1530 sweeps (51 of 51 …)" → one reason).
    const key = reason.replace(/\d+/g, 'N');
    reasons[key] = (reasons[key] ?? 0) + 1;
    failures.push({ link, reason });
  }
  const totalMs = Math.round(performance.now() - t0);
  if (digestFile !== null) writeFileSync(digestFile, digests.join('\n') + '\n');
  process.stdout.write(
    JSON.stringify(
      { ...counts, reasons, totalMs, slowest, failures: failures.slice(0, 20) },
      null,
      1,
    ) + '\n',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
