// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- tsconfig.node.json leaves out src/ui, whose figures this test imports
/// <reference path="../../src/ui/plots/plotly.d.ts" />
/**
 * Imported model files (issue 16): every value of a real file replaced by a value of another
 * type or an extreme is either refused with a message naming the field, or every figure of its
 * view builds. Before metrics.series and metrics.control were checked, 12 paths let a figure
 * throw (e.g. metrics.series.horizons = 0 broke the skill plot, metrics.control.inputs = null
 * every controlled figure).
 */
import { describe, expect, it } from 'vitest';
import { weatherSource } from '../../src/cli/seriesSource';
import { modelToJson, parseModelJson } from '../../src/run/modelJson';
import { parseQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { plotsOf } from '../../src/ui/plots/registry';
import { DEFAULT_VIEW } from '../../src/ui/plots/types';

const QUERIES = [
  'sys=vanderpol&width=20&ntraj=5&len=40&ntest=2&horizon=30',
  'sys=forcedvdp&width=20&ntraj=5&len=40&horizon=30&ntest=2&ctime=2',
  'sys=weather&width=20',
];
const VALUES: unknown[] = [0, -1, 1e308, null, '', [], {}, 'x', true];
/** The weather file is large: its parts (not its listed arrays) with fewer values. */
const FEW: unknown[] = [null, 'x'];

type Doc = Record<string, unknown>;
/** Every path of a file to a scalar, a listed array or an array (the first 2 elements of each). */
function paths(v: unknown, p: string[] = [], out: string[][] = []): string[][] {
  if (p[0] === 'arrays') {
    if (p.length === 1) for (const k of Object.keys(v as Doc)) out.push([...p, k]);
    return out;
  }
  if (Array.isArray(v)) {
    v.slice(0, 2).forEach((x, i) => paths(x, [...p, String(i)], out));
    out.push(p);
  } else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) paths(x, [...p, k], out);
  else out.push(p);
  return out;
}

function mutate(text: string, path: string[], value: unknown): string {
  const doc = JSON.parse(text) as Doc;
  let o = doc as Record<string, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  const last = path[path.length - 1];
  // A listed array keeps its length, its first value replaced.
  const old = o[last];
  o[last] = path[0] === 'arrays' && Array.isArray(old) ? [value, ...old.slice(1)] : value;
  return JSON.stringify(doc);
}

describe('model files: every value replaced, refused or drawn', () => {
  for (const q of QUERIES)
    it(
      q.split('&')[0],
      () => {
        const r = runPipeline(parseQuery(q, 'strict').config, { series: weatherSource() });
        const text = modelToJson(r, '0.0.0');
        let refused = 0;
        let drawn = 0;
        const broken: string[] = [];
        const big = q.startsWith('sys=weather');
        for (const path of paths(JSON.parse(text)).filter((p) => !big || p[0] !== 'arrays'))
          for (const value of big ? FEW : VALUES) {
            const parsed = parseModelJson(mutate(text, path, value));
            if (!parsed.ok) {
              expect(parsed.error.length).toBeGreaterThan(10);
              refused++;
              continue;
            }
            drawn++;
            for (const e of plotsOf(parsed.result.family))
              try {
                e.build(parsed.result, DEFAULT_VIEW);
              } catch (err) {
                broken.push(`${path.join('.')}=${JSON.stringify(value)} → ${e.id}: ${String(err)}`);
              }
          }
        expect(broken).toEqual([]);
        expect(refused).toBeGreaterThan(100);
        expect(drawn).toBeGreaterThan(0);
      },
      180_000,
    );

  it('names the field of a broken metrics part', () => {
    const r = runPipeline(parseQuery('sys=weather&width=20', 'strict').config, {
      series: weatherSource(),
    });
    const text = modelToJson(r, '0.0.0');
    const refusal = (path: string, value: unknown) => {
      const p = parseModelJson(mutate(text, path.split('.'), value));
      return p.ok ? 'accepted' : p.error;
    };
    expect(refusal('metrics.series.horizons', 0)).toContain('metrics.series.horizons');
    expect(refusal('metrics.series.rnn.0', [1])).toContain('metrics.series.rnn');
    expect(refusal('metrics.series.units', ['a'])).toContain('metrics.series.units');
  });
});
