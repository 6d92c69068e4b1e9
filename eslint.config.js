// Lint rules that hold the architecture of ../shared/design.md §1 in place:
// src/core is framework-free, maplibre-gl lives only in src/map, and the rest of the app
// reaches core only through src/core/index.ts; src/state imports neither src/map, src/ui nor src/app;
// no import cycles (import-x/no-cycle; type-only cycles in test/tooling/import-cycles.test.ts). test/tooling/boundaries.test.ts proves the
// rules fire on deliberate violations.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https',
  'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'url', 'util',
  'worker_threads', 'zlib',
];

/** Imports that would tie src/core to a framework, the DOM or Node. */
export const coreRestrictedImports = {
  paths: [
    ...['react', 'react-dom', 'react-dom/client', 'maplibre-gl', 'd3', 'd3-selection', 'zustand', 'zustand/vanilla'].map((name) => ({
      name,
      message: 'src/core is framework-free: no React, maplibre-gl, d3-selection or state library here.',
    })),
    ...NODE_BUILTINS.map((name) => ({ name, message: 'src/core must run in a browser and a worker: no Node built-ins (use src/cli).' })),
  ],
  patterns: [
    { regex: '^node:', message: 'src/core must run in a browser and a worker: no node:* imports (use src/cli).' },
    { regex: '^(react|react-dom|maplibre-gl)/', message: 'src/core is framework-free.' },
    { regex: '(^|/)(ui|map|state|worker|charts|cli)(/|$)', message: 'src/core must not import app layers.' },
  ],
};

const browserOnlyGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'self', 'process', 'Buffer', 'require', '__dirname'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/**', 'src/cli/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreRestrictedImports],
      'no-restricted-globals': ['error', ...browserOnlyGlobals.map((name) => ({ name, message: 'src/core is framework-free: pass data in, do not reach for host globals.' }))],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/**', 'src/map/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'maplibre-gl', message: 'Only src/map holds maplibre-gl; describe layers as data and let the map controller apply them.' }],
        patterns: [{ regex: '(^|/)core/(?!index(\\.ts)?$)', message: 'Import core through src/core/index.ts.' }],
      }],
    },
  },
  {
    // State is the bottom of the app: map and ui read it, never the other way round.
    files: ['src/state/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'maplibre-gl', message: 'Only src/map holds maplibre-gl; describe layers as data and let the map controller apply them.' }],
        patterns: [
          { regex: '(^|/)core/(?!index(\\.ts)?$)', message: 'Import core through src/core/index.ts.' },
          { regex: '(^|/)(map|ui|app)(/|$)', message: 'src/state is pure and must not import src/map, src/ui or src/app (the effects): they depend on state, not the other way round.' },
        ],
      }],
    },
  },
  {
    files: ['src/map/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)core/(?!index(\\.ts)?$)', message: 'Import core through src/core/index.ts.' }],
      }],
    },
  },
  {
    // No import cycles anywhere in the app (type-only imports included): each module has a
    // place in one layering, and a cycle means a type or function lives in the wrong file.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'test/**/*.{ts,tsx}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
