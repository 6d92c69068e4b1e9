import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function lintMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('lint rule: src/core stays framework-free', () => {
  test.each([
    ["import { useState } from 'react';", 'react'],
    ["import { Map } from 'maplibre-gl';", 'maplibre-gl'],
    ["import { select } from 'd3-selection';", 'd3-selection'],
    ["import { readFileSync } from 'node:fs';", 'node:fs'],
    ["import { readFileSync } from 'fs';", 'fs'],
    ["import { store } from '../state/store.ts';", 'app layer'],
  ])('rejects %s in src/core', async (code) => {
    const messages = await lintMessages(`${code}\nexport const x = 1;\n`, 'src/core/violation.ts');
    expect(messages.some((message) => message.startsWith('no-restricted-imports'))).toBe(true);
  });

  test('rejects DOM globals in src/core', async () => {
    const messages = await lintMessages('export const width = window.innerWidth + document.body.clientWidth;\n', 'src/core/violation.ts');
    expect(messages.filter((message) => message.startsWith('no-restricted-globals'))).toHaveLength(2);
  });

  test('accepts pure imports in src/core', async () => {
    const messages = await lintMessages("import Flatbush from 'flatbush';\nexport const index = Flatbush;\n", 'src/core/fine.ts');
    expect(messages).toEqual([]);
  });

  test('allows maplibre-gl in src/map but not in src/ui', async () => {
    const code = "import { Map } from 'maplibre-gl';\nexport const M = Map;\n";
    expect(await lintMessages(code, 'src/map/fine.ts')).toEqual([]);
    expect((await lintMessages(code, 'src/ui/violation.ts')).some((message) => message.includes('Only src/map'))).toBe(true);
  });

  test.each([
    ["import { statusLayerSpec } from '../map/status-layers.ts';", 'src/map'],
    ["import { MapView } from '../ui/map/MapView.tsx';", 'src/ui'],
    ["import { syncUrl } from '../app/effects/url-sync.ts';", 'src/app'],
    ["import { Map } from 'maplibre-gl';", 'maplibre-gl'],
  ])('rejects %s in src/state', async (code) => {
    const messages = await lintMessages(`${code}\nexport const x = 1;\n`, 'src/state/violation.ts');
    expect(messages.some((message) => message.startsWith('no-restricted-imports'))).toBe(true);
  });

  test('accepts state importing core and other state modules', async () => {
    const code = "import { STATUS_LAYER_IDS } from './status-layer-ids.ts';\nimport { DEMO_THEMES } from '../core/index.ts';\nexport const x = [STATUS_LAYER_IDS, DEMO_THEMES];\n";
    expect(await lintMessages(code, 'src/state/fine.ts')).toEqual([]);
  });

  test('app layers import core only through src/core/index.ts', async () => {
    const deep = await lintMessages("import { InputError } from '../core/errors.ts';\nexport const E = InputError;\n", 'src/ui/violation.ts');
    expect(deep.some((message) => message.includes('src/core/index.ts'))).toBe(true);
    const index = await lintMessages("import { InputError } from '../core/index.ts';\nexport const E = InputError;\n", 'src/ui/fine.ts');
    expect(index).toEqual([]);
  });
});

describe('lint rule: no import cycles', () => {
  test('rejects a value import that closes a cycle (store.ts imports project.ts)', async () => {
    const messages = await lintMessages("import { initialState } from './store.ts';\nexport const x = initialState;\n", 'src/state/project.ts');
    expect(messages.some((message) => message.startsWith('import-x/no-cycle'))).toBe(true);
  });

  test('accepts the same import from a module store.ts does not reach', async () => {
    expect(await lintMessages("import { initialState } from './store.ts';\nexport const x = initialState;\n", 'src/state/fine.ts')).toEqual([]);
  });
});

describe('tsconfig.core.json: no DOM or Node types in src/core', () => {
  function coreDiagnostics(source: string): string[] {
    const configFile = ts.readConfigFile('tsconfig.core.json', ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, process.cwd());
    const fileName = `${process.cwd()}/src/core/__violation__.ts`;
    const host = ts.createCompilerHost(parsed.options);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.fileExists = (name) => name === fileName || ts.sys.fileExists(name);
    host.readFile = (name) => (name === fileName ? source : readFile(name));
    host.getSourceFile = (name, version) => (name === fileName ? ts.createSourceFile(name, source, version) : getSourceFile(name, version));
    const program = ts.createProgram([fileName], parsed.options, host);
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }

  test('rejects document and process', () => {
    const messages = coreDiagnostics('export const a = document.title;\nexport const b = process.argv;\n');
    expect(messages.some((message) => message.includes("Cannot find name 'document'"))).toBe(true);
    expect(messages.some((message) => message.includes("Cannot find name 'process'"))).toBe(true);
  });

  test('accepts ECMAScript-only code', () => {
    expect(coreDiagnostics('export const a = new Float64Array(3).map((x) => x + 1);\n')).toEqual([]);
  });
});
