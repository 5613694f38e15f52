import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Modules the pure core may never import: it must run unchanged in Node, a worker and tests. */
const uiModules = [
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  'comlink',
  'plotly.js*',
];

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
  {
    files: ['src/numerics/**/*.ts', 'src/method/**/*.ts', 'src/sources/**/*.ts', 'src/run/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: uiModules,
              message: 'src/core is pure numerics: no UI, state or worker libraries.',
            },
            {
              group: ['node:*', 'fs', 'path', 'worker_threads'],
              message: 'src/core must run in the browser too.',
            },
            {
              group: ['**/ui/**', '**/state/**', '**/workers/**'],
              message: 'Dependencies point one way: ui → state → worker → core.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'Math.random'],
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
          message: 'Not bit-identical across engines: use logDet / tanhDet (src/core).',
        })),
      ],
    },
  },
);
