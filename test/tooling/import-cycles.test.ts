/**
 * No import cycles in src/, type-only imports included. `npm run lint` (import-x/no-cycle) catches
 * cycles of value imports; it skips `import type` by design, so this walk covers the type-level
 * cycles too (a type that lives in the wrong module, like the old `SavedScenario` in store.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports of every file under `dir`, as absolute paths (imports and re-exports, `import type` too). */
function importGraph(dir: string, read: (path: string) => string = (path) => readFileSync(path, 'utf8')): Map<string, string[]> {
  const files = sourceFiles(dir);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(read(file), true, false);
    graph.set(file, importedFiles.map((ref) => ref.fileName).filter((name) => name.startsWith('.')).map((name) => resolve(dirname(file), name)).filter((path) => known.has(path)));
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the list of files from its first file back to it. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('import cycles', () => {
  test('findCycles() finds a type-only cycle between two modules', () => {
    const graph = new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'a']]);
  });

  test('importGraph() reads `import type` and re-exports as edges', () => {
    const sources: Record<string, string> = {
      [join(ROOT, 'src/state/store.ts')]: "import type { X } from './project.ts';\nexport * from './selectors.ts';",
    };
    const graph = importGraph(join(ROOT, 'src/state'), (path) => sources[path] ?? '');
    expect(graph.get(join(ROOT, 'src/state/store.ts'))).toEqual([join(ROOT, 'src/state/project.ts'), join(ROOT, 'src/state/selectors.ts')]);
  });

  test('src/ has no import cycle, type-only imports included', () => {
    const cycles = findCycles(importGraph(join(ROOT, 'src'))).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' → '));
    expect(cycles).toEqual([]);
  });
});
