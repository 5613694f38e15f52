/**
 * The layer rule of docs/ARCHITECTURE.md, checked on the import graph of src/ and workers/.
 *
 *   numerics → method, sources → run → hosts (worker, cli) → state → ui
 *
 * Every relative module reference in the source text is an edge: `import … from`, `import type`,
 * `export … from`, `import('…')`, `require('…')` and `new URL('…', import.meta.url)` (how a worker
 * or a wasm file is referenced). Each edge is resolved to a file, both ends are mapped to their
 * layer, and an edge is allowed only when the importing layer may use the imported one. ESLint
 * (eslint.config.js) reports the same rule in the editor from the import specifiers; this test
 * resolves paths exactly and also sees dynamic imports and worker URLs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Layer = 'numerics' | 'method' | 'sources' | 'run' | 'tfjs' | 'worker' | 'cli' | 'state' | 'ui';

/** How one file refers to another: a type-only import is erased and bundles nothing. */
type EdgeKind = 'import' | 'type' | 'export' | 'dynamic' | 'require' | 'url';

interface LayerRule {
  /** Repository-relative folders (with a trailing slash) or single files of the layer. */
  paths: string[];
  /** Layers this one may import (besides itself). */
  may: Layer[];
  /** Layers this one may reference only by a type-only import or a worker URL. */
  typesOnly?: Layer[];
}

const BELOW_RUN: Layer[] = ['numerics', 'method', 'sources'];

/** The rule. Keep in step with docs/ARCHITECTURE.md and eslint.config.js. */
export const LAYERS: Record<Layer, LayerRule> = {
  numerics: { paths: ['src/numerics/'], may: [] },
  method: { paths: ['src/method/'], may: ['numerics'] },
  sources: { paths: ['src/sources/'], may: ['numerics'] },
  run: { paths: ['src/run/'], may: BELOW_RUN },
  // The hosts' shared TensorFlow.js code (the gradient baselines): never bundled into the page.
  tfjs: { paths: ['src/tfjs/'], may: ['run', ...BELOW_RUN] },
  worker: { paths: ['workers/'], may: ['tfjs', 'run', ...BELOW_RUN] },
  cli: { paths: ['src/cli/'], may: ['tfjs', 'run', ...BELOW_RUN] },
  state: { paths: ['src/state/'], may: ['run', ...BELOW_RUN], typesOnly: ['worker'] },
  ui: {
    paths: ['src/ui/', 'src/main.tsx'],
    may: ['state', 'run', ...BELOW_RUN],
    typesOnly: ['worker'],
  },
};

/**
 * Known upward imports, each "importing file → imported file", tolerated while they are being
 * removed. EMPTY: when issue 10's restructuring landed, no edge of src/ and workers/ broke the
 * rule. Keep it empty; the test fails on any violation not listed here and on any entry that no
 * longer occurs, so the list can only shrink.
 */
const KNOWN_VIOLATIONS: string[] = [];

export interface Reference {
  specifier: string | null;
  kind: EdgeKind;
  line: number;
}

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  line: number;
}

/** Every module reference in one source text (null specifier: a non-literal dynamic import). */
export function references(fileName: string, text: string): Reference[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const out: Reference[] = [];
  const add = (node: ts.Node, specifier: string | null, k: EdgeKind) =>
    out.push({
      specifier,
      kind: k,
      line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
    });
  const literal = (e: ts.Node | undefined): string | null =>
    e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e.text : null;
  const isImportMetaUrl = (e: ts.Node | undefined) =>
    !!e &&
    ts.isPropertyAccessExpression(e) &&
    e.name.text === 'url' &&
    ts.isMetaProperty(e.expression) &&
    e.expression.keywordToken === ts.SyntaxKind.ImportKeyword;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!named &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      add(node, literal(node.moduleSpecifier), typeOnly ? 'type' : 'import');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, literal(node.moduleSpecifier), node.isTypeOnly ? 'type' : 'export');
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(node, literal(node.moduleReference.expression), node.isTypeOnly ? 'type' : 'require');
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      add(node, ts.isLiteralTypeNode(arg) ? literal(arg.literal) : null, 'type');
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword)
        add(node, literal(node.arguments[0]), 'dynamic');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require')
        add(node, literal(node.arguments[0]), 'require');
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      isImportMetaUrl(node.arguments?.[1])
    ) {
      add(node, literal(node.arguments![0]), 'url');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The layer of a repository-relative path, or null when it lies in no layer. */
export function layerOf(file: string): Layer | null {
  for (const [layer, rule] of Object.entries(LAYERS) as Array<[Layer, LayerRule]>)
    if (rule.paths.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p))) return layer;
  return null;
}

const CODE = /\.(ts|tsx|js|mjs|cjs)$/;

/** One line per edge that breaks the rule; an empty list means the graph is layered. */
export function checkEdges(edges: Edge[]): string[] {
  const bad: string[] = [];
  for (const e of edges) {
    const from = layerOf(e.from);
    const to = layerOf(e.to);
    const at = `${e.from}:${e.line}`;
    if (from === null) {
      bad.push(`${at} is in no layer: add its folder to LAYERS and docs/ARCHITECTURE.md`);
      continue;
    }
    if (to === null) {
      // Assets outside the layered tree (package.json, public data) carry no code.
      if (CODE.test(e.to)) bad.push(`${at} (${from}) → ${e.to}: code outside the layered tree`);
      continue;
    }
    if (to === from || LAYERS[from].may.includes(to)) continue;
    if (LAYERS[from].typesOnly?.includes(to) && (e.kind === 'type' || e.kind === 'url')) continue;
    const may = LAYERS[from].may.length ? LAYERS[from].may.join(', ') : 'nothing of the project';
    const types = LAYERS[from].typesOnly?.length
      ? `, and ${LAYERS[from].typesOnly!.join(', ')} only by a type import or a worker URL`
      : '';
    bad.push(
      `${e.from} (${from}) → ${e.to} (${to}) [${e.kind}, line ${e.line}]: ${from} may import ${may}${types}`,
    );
  }
  return bad;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(path.join(ROOT, dir)).sort()) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) walk(rel, out);
    else if (/\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

const isFile = (rel: string) =>
  existsSync(path.join(ROOT, rel)) && statSync(path.join(ROOT, rel)).isFile();

/** The file a relative specifier names, as TypeScript/Vite resolve it; null if none exists. */
export function resolve(from: string, specifier: string, exists = isFile): string | null {
  const bare = specifier.replace(/[?#].*$/, '');
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), bare));
  const tries = ['', '.ts', '.tsx', '.d.ts', '.js', '/index.ts', '/index.tsx'];
  for (const t of tries) if (exists(base + t)) return base + t;
  return null;
}

/** The import graph of src/ and workers/ plus the references that could not be resolved. */
export function projectGraph(): { files: string[]; edges: Edge[]; unresolved: string[] } {
  const files = [...walk('src'), ...walk('workers')];
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const from of files) {
    for (const r of references(from, readFileSync(path.join(ROOT, from), 'utf8'))) {
      if (r.specifier === null) {
        unresolved.push(
          `${from}:${r.line}: ${r.kind} reference without a literal path cannot be checked`,
        );
        continue;
      }
      if (!r.specifier.startsWith('.') && !r.specifier.startsWith('/')) continue; // a package
      const to = resolve(from, r.specifier);
      if (to === null)
        unresolved.push(`${from}:${r.line}: '${r.specifier}' does not resolve to a file`);
      else edges.push({ from, to, kind: r.kind, line: r.line });
    }
  }
  return { files, edges, unresolved };
}

/** "a → b" of a violation line, the key KNOWN_VIOLATIONS uses. */
const edgeKey = (line: string) => {
  const m = /^(\S+) \(\w+\) → (\S+) /.exec(line);
  return m ? `${m[1]} → ${m[2]}` : line;
};

describe('the layer rule checker', () => {
  it('reads every kind of module reference from source text', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "import { type C, type D } from './c';",
      "import E, { type F } from './e';",
      "export { g } from './g';",
      "export type { H } from './h';",
      "export * from './star';",
      "const i = await import('./i');",
      "const j = new URL('../../workers/j.ts', import.meta.url);",
      "const k = new URL('https://example.org/k', document.baseURI);",
      "type L = typeof import('./l');",
      'const m = require("./m");',
      'const n = import(name);',
      "// import { z } from './comment';",
      'const s = "import { y } from \'./string\'";',
    ].join('\n');
    expect(references('x.ts', text).map((r) => [r.specifier, r.kind])).toEqual([
      ['./a', 'import'],
      ['../b', 'type'],
      ['./c', 'type'],
      ['./e', 'import'],
      ['./g', 'export'],
      ['./h', 'type'],
      ['./star', 'export'],
      ['./i', 'dynamic'],
      ['../../workers/j.ts', 'url'],
      ['./l', 'type'],
      ['./m', 'require'],
      [null, 'dynamic'],
    ]);
  });

  it('resolves relative specifiers the way the bundler does', () => {
    const have = new Set(['src/run/schema.ts', 'src/ui/App.tsx', 'src/method/sampling/index.ts']);
    const exists = (f: string) => have.has(f);
    expect(resolve('src/numerics/rng.ts', '../run/schema', exists)).toBe('src/run/schema.ts');
    expect(resolve('src/main.tsx', './ui/App', exists)).toBe('src/ui/App.tsx');
    expect(resolve('src/run/x.ts', '../method/sampling', exists)).toBe(
      'src/method/sampling/index.ts',
    );
    expect(resolve('src/run/x.ts', '../run/schema.ts?worker', exists)).toBe('src/run/schema.ts');
    expect(resolve('src/run/x.ts', './missing', exists)).toBeNull();
  });

  it('fails an upward import and names both ends and both layers', () => {
    const bad = checkEdges([
      { from: 'src/numerics/rng.ts', to: 'src/run/schema.ts', kind: 'import', line: 3 },
    ]);
    expect(bad).toEqual([
      'src/numerics/rng.ts (numerics) → src/run/schema.ts (run) [import, line 3]: numerics may import nothing of the project',
    ]);
  });

  it('keeps method and sources apart, and hosts out of the pure layers', () => {
    const edge = (from: string, to: string, kind: EdgeKind = 'import'): Edge => ({
      from,
      to,
      kind,
      line: 1,
    });
    expect(checkEdges([edge('src/method/edmd.ts', 'src/sources/dataset.ts', 'type')])).toHaveLength(
      1,
    );
    expect(checkEdges([edge('src/sources/dataset.ts', 'src/method/edmd.ts')])).toHaveLength(1);
    expect(checkEdges([edge('src/run/pipeline.ts', 'workers/runWorker.ts')])).toHaveLength(1);
    expect(checkEdges([edge('src/run/pipeline.ts', 'src/cli/main.ts')])).toHaveLength(1);
    expect(checkEdges([edge('workers/runWorker.ts', 'src/state/store.ts')])).toHaveLength(1);
    expect(checkEdges([edge('src/state/store.ts', 'src/ui/App.tsx')])).toHaveLength(1);
    expect(checkEdges([edge('src/ui/App.tsx', 'src/cli/main.ts')])).toHaveLength(1);
    expect(checkEdges([edge('src/other/x.ts', 'src/run/schema.ts')])).toHaveLength(1);
    expect(checkEdges([edge('src/run/x.ts', 'scripts/bench.ts')])).toHaveLength(1);
  });

  it('lets state reach the worker by its type and its URL only', () => {
    const edge = (kind: EdgeKind): Edge => ({
      from: 'src/state/workerClient.ts',
      to: 'workers/runWorker.ts',
      kind,
      line: 1,
    });
    expect(checkEdges([edge('type'), edge('url')])).toEqual([]);
    expect(checkEdges([edge('import')])).toHaveLength(1);
    expect(checkEdges([edge('dynamic')])).toHaveLength(1);
  });

  it('allows every downward import', () => {
    const chain: Array<[string, string]> = [
      ['src/method/edmd.ts', 'src/numerics/rng.ts'],
      ['src/sources/dataset.ts', 'src/numerics/integrate.ts'],
      ['src/run/pipeline.ts', 'src/method/edmd.ts'],
      ['src/run/pipeline.ts', 'src/sources/dataset.ts'],
      ['workers/runWorker.ts', 'src/run/pipeline.ts'],
      ['src/cli/main.ts', 'src/run/query.ts'],
      ['src/state/store.ts', 'src/run/schema.ts'],
      ['src/ui/App.tsx', 'src/state/store.ts'],
      ['src/main.tsx', 'src/ui/App.tsx'],
      ['src/ui/export/ExportMenu.tsx', 'package.json'],
    ];
    expect(checkEdges(chain.map(([from, to]) => ({ from, to, kind: 'import', line: 1 })))).toEqual(
      [],
    );
  });
});

describe('the import graph of src/ and workers/', () => {
  const graph = projectGraph();

  it('finds the files and their imports', () => {
    // A sanity floor, so a broken walker cannot pass by finding nothing.
    expect(graph.files.length).toBeGreaterThan(50);
    expect(graph.edges.length).toBeGreaterThan(100);
  });

  it('resolves every relative reference', () => {
    expect(graph.unresolved).toEqual([]);
  });

  it('has no upward import (docs/ARCHITECTURE.md, "The layer rule")', () => {
    const violations = checkEdges(graph.edges);
    const known = new Set(KNOWN_VIOLATIONS);
    const fresh = violations.filter((v) => !known.has(edgeKey(v)));
    const present = new Set(violations.map(edgeKey));
    const stale = KNOWN_VIOLATIONS.filter((k) => !present.has(k)).map(
      (k) => `${k}: no longer imported; delete it from KNOWN_VIOLATIONS`,
    );
    expect([...fresh, ...stale]).toEqual([]);
  });
});
