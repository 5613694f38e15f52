import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Libraries of the page: the pure layers must run unchanged in Node, a worker and tests. */
const uiModules = [
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  'comlink',
  'plotly.js*',
  '@tensorflow/*',
];

/**
 * The layer rule of docs/ARCHITECTURE.md, one entry per layer: its files and the project folders
 * it must not import (by folder name in a relative specifier). tests/unit/layers.test.ts checks
 * the same rule on the resolved import graph, including dynamic imports and worker URLs.
 *
 *   numerics → method, sources → run → hosts (workers/, src/cli/) → state → ui
 */
const LAYERS = [
  {
    name: 'numerics',
    files: ['src/numerics/**/*.{ts,tsx}'],
    forbidden: ['method', 'sources', 'run', 'tfjs', 'workers', 'cli', 'state', 'ui'],
    rule: 'numerics imports nothing of the project',
    pure: true,
  },
  {
    name: 'method',
    files: ['src/method/**/*.{ts,tsx}'],
    forbidden: ['sources', 'run', 'tfjs', 'workers', 'cli', 'state', 'ui'],
    rule: 'method imports numerics only (never sources, nor the run, config or schema)',
    pure: true,
  },
  {
    name: 'sources',
    files: ['src/sources/**/*.{ts,tsx}'],
    forbidden: ['method', 'run', 'tfjs', 'workers', 'cli', 'state', 'ui'],
    rule: 'sources import numerics only (never method, nor the run, config or schema)',
    pure: true,
  },
  {
    name: 'run',
    files: ['src/run/**/*.{ts,tsx}'],
    forbidden: ['tfjs', 'workers', 'cli', 'state', 'ui'],
    rule: 'run imports method, sources and numerics',
    pure: true,
  },
  {
    name: 'tfjs',
    files: ['src/tfjs/**/*.{ts,tsx}'],
    forbidden: ['workers', 'cli', 'state', 'ui'],
    rule: "the hosts' TensorFlow.js code imports the run and below",
  },
  {
    name: 'worker',
    files: ['workers/**/*.{ts,tsx}'],
    forbidden: ['cli', 'state', 'ui'],
    rule: 'the worker imports the run and below',
  },
  {
    name: 'cli',
    files: ['src/cli/**/*.{ts,tsx}'],
    forbidden: ['workers', 'state', 'ui'],
    rule: 'the CLI imports the run and below',
  },
  {
    name: 'state',
    files: ['src/state/**/*.{ts,tsx}'],
    forbidden: ['cli', 'tfjs', 'ui'],
    typesOnly: ['workers'],
    rule: "state imports the run and below, and the worker's types",
  },
  {
    name: 'ui',
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    forbidden: ['cli', 'tfjs'],
    typesOnly: ['workers'],
    rule: "the UI imports state, the run and below, and the worker's types",
  },
];

/** A relative specifier that passes through a folder of one of these names. */
const into = (folders) => `^\\.\\.?/(?:.*/)?(?:${folders.join('|')})(?:/|$)`;
/** The same for esquery selectors, whose regex literals cannot contain '/'. */
const intoSelector = (folders) => `/^\\.\\.?\\x2F(?:.*\\x2F)?(?:${folders.join('|')})(?:\\x2F|$)/`;

function layerConfig(layer) {
  const message = `Layer rule (docs/ARCHITECTURE.md): ${layer.rule}.`;
  const patterns = [{ regex: into(layer.forbidden), message }];
  if (layer.typesOnly)
    patterns.push({ regex: into(layer.typesOnly), allowTypeImports: true, message });
  if (layer.pure)
    patterns.push(
      { group: uiModules, message: 'The pure layers use no UI, state or worker libraries.' },
      {
        group: ['node:*', 'fs', 'path', 'worker_threads'],
        message: 'The pure layers must run in the browser too.',
      },
    );
  const urlForbidden = layer.forbidden; // a worker URL is how state/ui reach workers/
  const dynamicForbidden = [...layer.forbidden, ...(layer.typesOnly ?? [])];
  return {
    files: layer.files,
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      // import('…') and new URL('…', import.meta.url) are references no-restricted-imports misses.
      'no-restricted-syntax': [
        'error',
        { selector: `ImportExpression[source.value=${intoSelector(dynamicForbidden)}]`, message },
        {
          selector: `NewExpression[callee.name="URL"][arguments.0.value=${intoSelector(urlForbidden)}]`,
          message,
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'src/numerics/kernels/*Wasm.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/state/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...LAYERS.map(layerConfig),
  {
    files: ['src/numerics/**/*.ts', 'src/method/**/*.ts', 'src/sources/**/*.ts', 'src/run/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'Math.random',
        ...['process', 'require', 'Buffer', '__dirname', '__filename'].map((name) => ({
          name,
          message: 'The pure layers run in the browser too: no Node globals.',
        })),
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use the seeded generator passed in (src/numerics/rng.ts).',
        },
        // Engines disagree on the last bit of these; results must be identical in Node and browsers.
        ...[
          'log',
          'exp',
          'sin',
          'cos',
          'tan',
          'tanh',
          'pow',
          'atan',
          'atan2',
          'log1p',
          'expm1',
          'sinh',
          'cosh',
          'asin',
          'acos',
          'cbrt',
          'log2',
          'log10',
        ].map((property) => ({
          object: 'Math',
          property,
          message:
            'Not bit-identical across engines: use logDet / tanhDet / trigDet (src/numerics).',
        })),
      ],
    },
  },
);
