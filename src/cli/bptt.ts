/**
 * `--bptt=lstm[,gru][,budget=30][,units=…][,lr=…][,window=…][,batch=…]`: the gradient baselines
 * of the run, trained headless in Node with TensorFlow.js (wasm backend from the package's own
 * dist/ folder, CPU backend as fallback) by the same code as the page's worker (src/tfjs/), on the
 * same data. Adds `bptt` to the JSON: one entry per cell with the fields the page shows.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { compareWithSampled } from '../run/bptt/compare';
import type { BpttResult } from '../run/bptt/result';
import { parseBpttSpec, type BpttSettings } from '../run/bptt/settings';
import type { RunResult } from '../run/result';
import type { RunConfig } from '../run/schema';
import { selectBackend } from '../tfjs/backend';
import { trainBaseline } from '../tfjs/trainer';

/** The folder of the wasm backend's binaries (with a trailing separator, as setWasmPaths wants). */
export function nodeWasmDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(pkg), 'dist') + path.sep;
}

/** One baseline's JSON: everything the page shows; the forecasts only with --full. */
export function baselineJson(b: BpttResult, run: RunResult, full: boolean) {
  const { forecast, ...rest } = b;
  return {
    ...rest,
    comparison: compareWithSampled(b, run),
    ...(full ? { forecast: Array.from(forecast, (v) => (Number.isFinite(v) ? v : null)) } : {}),
  };
}

/** Trains each requested baseline in turn (`backend`: 'wasm' unless the CPU backend is forced). */
export async function runBaselines(
  config: RunConfig,
  run: RunResult,
  specs: BpttSettings[],
  full: boolean,
  backend: 'wasm' | 'cpu' = 'wasm',
) {
  const name = await selectBackend(backend === 'wasm' ? nodeWasmDir() : null);
  const out: Record<string, ReturnType<typeof baselineJson>> = {};
  for (const s of specs) {
    const b = await trainBaseline(config, s, { backend: name });
    out[s.cell] = baselineJson(b, run, full);
  }
  return out;
}

/** The `--bptt=…` flag (and `--bptt-cpu`, forcing the CPU backend): settings per cell, or an error. */
export function bpttFlag(flags: string[]): {
  specs: BpttSettings[] | null;
  cpu: boolean;
  error: string | null;
} {
  const cpu = flags.includes('--bptt-cpu');
  const given = flags.filter((f) => f.startsWith('--bptt='));
  if (given.length === 0)
    return { specs: null, cpu, error: cpu ? '--bptt-cpu needs --bptt=lstm|gru' : null };
  if (given.length > 1) return { specs: null, cpu, error: '--bptt given more than once' };
  try {
    return { specs: parseBpttSpec(given[0].slice('--bptt='.length)), cpu, error: null };
  } catch (e) {
    return { specs: null, cpu, error: e instanceof Error ? e.message : String(e) };
  }
}
