/**
 * Writes tests/fixtures/oscillation.csv: a noisy damped oscillation with a date column, the
 * fixture of the CSV tests (`npx tsx scripts/make-csv-fixture.ts`; the output is committed).
 * A damped rotation kicked by noise, z_{t+1} = ρ·R(2π/P)·z_t + σ·ξ_t (ρ = 0.97, P = 20 days,
 * σ = 0.3), observed with N(0, 0.05²) measurement noise: it rings at period P and decays between
 * kicks, so it never dies out. Daily rows from 2020-01-01; seeded, so the file is reproducible.
 */
import { writeFileSync } from 'node:fs';
import { createRng } from '../src/numerics/rng';

const ROWS = 500;
const RHO = 0.97;
const PERIOD = 20;
const KICK = 0.3;
const NOISE = 0.05;

const rng = createRng(2024);
const c = RHO * Math.cos((2 * Math.PI) / PERIOD);
const s = RHO * Math.sin((2 * Math.PI) / PERIOD);
let [a, b] = [2, 0];
const lines = ['date,x,y'];
const day0 = Date.UTC(2020, 0, 1);
for (let t = 0; t < ROWS; t++) {
  const date = new Date(day0 + t * 86_400_000).toISOString().slice(0, 10);
  const x = a + NOISE * rng.normal();
  const y = b + NOISE * rng.normal();
  lines.push(`${date},${x.toFixed(4)},${y.toFixed(4)}`);
  [a, b] = [c * a - s * b + KICK * rng.normal(), s * a + c * b + KICK * rng.normal()];
}
writeFileSync(
  new URL('../tests/fixtures/oscillation.csv', import.meta.url),
  lines.join('\n') + '\n',
);
process.stdout.write(`wrote ${ROWS} rows\n`);
