import { describe, expect, it } from 'vitest';
import { weatherSource } from '../../src/cli/seriesSource';
import { modelToJson, parseModelJson } from '../../src/run/modelJson';
import { runPipeline } from '../../src/run/pipeline';
import { parseQuery } from '../../src/run/query';

/**
 * A corpus of malformed and hostile model files (issue 16): wrong types in every part the views
 * read, contradictions with the config, prototype keys, markup, oversized content. Every file is
 * either refused with a sentence or, if accepted, re-exports to a file that reads back the same —
 * never an exception, never a half-checked result.
 */
const run = (q: string, series?: { name: string; text: string }) =>
  runPipeline(parseQuery(q, 'strict').config, { series });
const BASES = {
  free: modelToJson(run('sys=vanderpol&width=20&ntraj=4&len=30&horizon=20&ntest=2'), '0.1.0'),
  controlled: modelToJson(
    run('sys=forcedvdp&width=20&ntraj=6&len=30&horizon=20&ntest=2&ctime=3'),
    '0.1.0',
  ),
  series: modelToJson(run('sys=weather&width=20', weatherSource()), '0.1.0'),
};

type Doc = Record<string, unknown>;
const set = (doc: Doc, path: string, value: unknown): Doc => {
  const out = structuredClone(doc);
  const segs = path.split('.');
  let v: Record<string, unknown> = out;
  for (const s of segs.slice(0, -1)) v = v[s] as Record<string, unknown>;
  v[segs[segs.length - 1]] = value;
  return out;
};

const BAD_VALUES: unknown[] = [{ a: 1 }, null, [], 'x', [null], 1e308, -1, [{ a: 1 }]];
const PATHS = [
  'warnings',
  'divergences',
  'kernel',
  'solveMethod',
  'stateNames',
  'dim',
  'dt',
  'spectrumRank',
  'metrics.vpt',
  'metrics.rolloutMsePerComponent',
  'test.count',
  'model.width',
  'trainSample.rows',
];

const cases: Array<{ name: string; family: keyof typeof BASES; text: string }> = [];
for (const [family, base] of Object.entries(BASES) as Array<[keyof typeof BASES, string]>) {
  const doc = JSON.parse(base) as Doc;
  for (const path of PATHS)
    for (const bad of BAD_VALUES)
      cases.push({
        name: `${path} = ${JSON.stringify(bad)}`,
        family,
        text: JSON.stringify(set(doc, path, bad)),
      });
  for (const part of ['series', 'control'])
    for (const bad of [{}, null, 'x', { a: 1 }])
      cases.push({
        name: `${part} = ${JSON.stringify(bad)}`,
        family,
        text: JSON.stringify(set(doc, part, bad)),
      });
  cases.push(
    { name: 'divergences [null]', family, text: JSON.stringify(set(doc, 'divergences', [null])) },
    {
      name: 'divergence past the horizon',
      family,
      text: JSON.stringify(
        set(doc, 'divergences', [{ rollout: 'relift', testIndex: 0, step: 1e9, reason: 'nan' }]),
      ),
    },
    { name: 'metrics {a:1}', family, text: JSON.stringify(set(doc, 'metrics', { a: 1 })) },
    {
      name: 'config sys=lorenz on 2-D weights',
      family,
      text: JSON.stringify(set(doc, 'config.sys', 'lorenz')),
    },
    {
      name: 'config sys=csv without series',
      family,
      text: JSON.stringify(set(doc, 'config.sys', 'csv')),
    },
    {
      name: 'config __proto__ key',
      family,
      text: base.replace('"config": {', '"config": {"__proto__": {"x": 1},'),
    },
    {
      name: 'markup in a warning',
      family,
      text: JSON.stringify(set(doc, 'warnings', ['<a href="https://example.com">x</a>'])),
    },
    {
      name: 'very long warning',
      family,
      text: JSON.stringify(set(doc, 'warnings', ['w'.repeat(100_000)])),
    },
    { name: 'truncated text', family, text: base.slice(0, base.length / 2) },
    { name: 'not JSON', family, text: 'hello' },
  );
}
cases.push({
  name: '13 million values',
  family: 'free',
  text: `{"format":"sampled-rnn-lab/model","x":[${'0,'.repeat(13_000_000)}0]}`,
});

describe(`model files: a corpus of ${cases.length} malformed or hostile files`, () => {
  it('has at least 100 files', () => expect(cases.length).toBeGreaterThanOrEqual(100));
  it('refuses each with a sentence, or accepts a file that reads back the same; never throws', () => {
    let refused = 0;
    for (const c of cases) {
      const parsed = parseModelJson(c.text);
      if (!parsed.ok) {
        expect(parsed.error.length, c.name).toBeGreaterThan(5);
        refused++;
        continue;
      }
      // Accepted: the result is whole (its own re-export parses back to the same document).
      const again = modelToJson(parsed.result, parsed.appVersion);
      const back = parseModelJson(again);
      expect(back.ok, `${c.name}: ${!back.ok && back.error}`).toBe(true);
    }
    // Everything but harmless edits is refused.
    expect(refused).toBeGreaterThan(cases.length * 0.9);
  }, 120_000);
  it('the valid files still read', () => {
    for (const base of Object.values(BASES)) expect(parseModelJson(base).ok).toBe(true);
  });
  it('names the field in its message', () => {
    const doc = JSON.parse(BASES.free) as Doc;
    const r = parseModelJson(JSON.stringify(set(doc, 'warnings', [{ a: 1 }])));
    expect(!r.ok && r.error).toMatch(/^warnings/);
    const s = parseModelJson(JSON.stringify(set(doc, 'series', {})));
    expect(!s.ok && s.error).toMatch(/series contradicts sys=vanderpol/);
  });
});
