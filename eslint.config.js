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

/** Lists in the core's answers whose lengths are counts a user reads (clusters, isolated points, suggestions…). */
const ANSWER_LISTS = 'clusters|isolated|members|added|removed|suggestions|routes|ring|rings|nodes|joins|pairs|alternatives|communities|ranking|streets|reasons|warnings|features|selected';
/** Number fields of the core's answers (cluster, route, target check, assessment, plan counts). */
const ANSWER_FIELDS = 'selectedCount|size|planned|target|overBy|readiness|cost|score|scoreChange|areaM2|population|budgetAllocatedWan|budgetSpentWan|facilities|value|progress|designated|patches|isolated|clusters';

/** Selectors for computing a displayed number in a component (see the src/ui block below). */
export const uiComputesNoNumbers = [
  {
    selector: "MemberExpression[property.name='length'][object.type='CallExpression'][object.callee.property.name='filter']",
    message: 'No counting in components: `.filter(…).length` belongs in core (an answer field or a core function such as planCounts).',
  },
  {
    selector: "CallExpression[callee.property.name='reduce']",
    message: 'No sums in components: a total the UI shows is computed in core.',
  },
  {
    selector: `BinaryExpression[operator=/^[-+*\\/%]$/] > MemberExpression[property.name='length'][object.property.name=/^(${ANSWER_LISTS})$/]`,
    message: 'No arithmetic on counts in components: patches, isolated points, differences and shares come from the core.',
  },
  {
    selector: `BinaryExpression[operator=/^[-+*\\/%]$/] > MemberExpression[property.name=/^(${ANSWER_FIELDS})$/]`,
    message: 'No arithmetic on the answer\'s values in components: ask the core for the number (plan counts, target check, route facts, budget share).',
  },
  {
    selector: "CallExpression[callee.name='clusterLabel']",
    message: 'Cluster labels come from the answer (`names[id].label`), whose numbers stay put across a change.',
  },
];

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
    // Issue 15: every number the UI shows about the plan or the campaign is the core's answer.
    // Components lay answers out; counting, summing or doing sums on an answer's values here is a
    // second home for a number that can disagree with the first. test/tooling proves these fire.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', ...uiComputesNoNumbers],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'test/**/*.{ts,tsx}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
