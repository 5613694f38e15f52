/**
 * The golden cases: every system's default link and non-default links that exercise the other
 * paths (other weather years, a CSV file, a controlled point goal, random features, POD
 * truncation, noise, the linear headline). `goldenOf` runs a case the way the CLI does and keeps
 * the JSON text of its metrics and eigenvalues (byte comparison, no tolerance).
 */
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { csvSource, weatherSource } from '../../src/cli/seriesSource';
import { resultToJson } from '../../src/cli/resultJson';

export interface GoldenCase {
  query: string;
  /** A CSV fixture the run reads (sys=csv), relative to the repository root. */
  data?: string;
}

export interface Golden extends GoldenCase {
  /** JSON text of the CLI's `metrics` and `eigenvalues`. */
  metrics: string;
  eigenvalues: string;
}

export const CSV_FIXTURE = 'tests/fixtures/oscillation.csv';

export const GOLDEN_CASES: GoldenCase[] = [
  { query: 'sys=vanderpol' },
  { query: 'sys=lorenz' },
  { query: 'sys=rossler' },
  { query: 'sys=forcedvdp' },
  { query: 'sys=duffing' },
  { query: 'sys=weather' },
  { query: 'sys=csv&file=oscillation.csv', data: CSV_FIXTURE },
  {
    query: 'sys=weather&city=new_york&vars=temp_max,wind&trainfrom=2013&trainto=2015&testyear=2012',
  },
  {
    query: 'sys=csv&file=oscillation.csv&cols=x&delay=6&split=0.6&horizon=20&sampler=random',
    data: CSV_FIXTURE,
  },
  { query: 'sys=forcedvdp&goal=point&gx=0.8&gy=0.2&uin=chirp&seed=4' },
  { query: 'sys=duffing&goal=point&uin=steps&width=120&noise=0.01' },
  { query: 'sys=vanderpol&sampler=random&width=300&seed=7' },
  { query: 'sys=lorenz&width=400&rank=60&len=4000&ntest=8&horizon=600&seed=3' },
  { query: 'sys=vanderpol&width=150&rank=40&rollout=linear&noise=0.02&mu=2' },
  { query: 'sys=rossler&sampler=random&act=relu&width=200&reg=1e-8' },
  { query: 'sys=vanderpol&ntraj=1&len=20&reg=0' },
];

/**
 * The recorded text of the eigenvalues: re and im only (the CLI's `eigenvalues` gained the ResDMD
 * residuals later; they are checked in tests/unit/spectrumResiduals.test.ts).
 */
export function eigenText(json: Record<string, unknown>): string {
  const { re, im } = json.eigenvalues as { re: number[]; im: number[] };
  return JSON.stringify({ re, im });
}

export function goldenOf(c: GoldenCase): Golden {
  const { config, errors } = parseQuery(c.query, 'strict');
  if (errors.length) throw new Error(`${c.query}: ${errors[0].message}`);
  const series =
    config.sys === 'weather' ? weatherSource() : c.data ? csvSource(c.data) : undefined;
  const json = resultToJson(runPipeline(config, { series }), false);
  return {
    ...c,
    metrics: JSON.stringify(json.metrics),
    eigenvalues: eigenText(json),
  };
}
