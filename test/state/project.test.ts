import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportProjectFile, importProjectFile } from '../../src/state/project-file.ts';
import { emptyProject, migrateProject, projectSources, withImport, type Project } from '../../src/state/project.ts';
import type { FilePreview } from '../../src/core/index.ts';

const preview = (overrides: Partial<FilePreview>): FilePreview => ({ name: 'x', inputs: ['x'], kind: null, format: null, encoding: null, encodingSource: null, errors: [], warnings: [], notes: [], count: 0, ...overrides });
const bytes = (...values: number[]) => Uint8Array.from(values);
const EMBEDDED = [
  { role: 'communities' as const, file: 'communities.geojson', url: '/c' },
  { role: 'status' as const, file: 'status.csv', url: '/s' },
];

describe('the project file', () => {
  const arbitraryProject: fc.Arbitrary<Project> = fc.record({
    schemaVersion: fc.constant(1 as const),
    base: fc.constantFrom('lucheng' as const, 'none' as const),
    files: fc.array(
      fc.record({
        role: fc.constantFrom('communities' as const, 'status' as const, 'inspections' as const, 'campaign' as const),
        name: fc.string({ minLength: 1, maxLength: 12 }),
        parts: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 12 }), bytes: fc.uint8Array({ maxLength: 64 }) }), { minLength: 1, maxLength: 3 }),
        choices: fc.record({ encoding: fc.constantFrom('auto' as const, 'gb18030' as const), crs: fc.constantFrom('WGS84' as const, 'GCJ02' as const) }, { requiredKeys: [] }),
        importedAt: fc.constant('2002-05-24T00:00:00.000Z'),
      }),
      { maxLength: 4 },
    ),
    planCodes: fc.option(fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }), { nil: null }),
    scenarios: fc.array(fc.record({ name: fc.string({ maxLength: 8 }), savedAt: fc.constant('2002-05-24T00:00:00.000Z'), codes: fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }) }), { maxLength: 3 }),
    settings: fc.record({ footer: fc.string({ maxLength: 20 }), source: fc.string({ maxLength: 20 }) }),
    updatedAt: fc.constant('2002-05-24T00:00:00.000Z'),
  });

  test('exportProjectFile() then importProjectFile() gives back the same project, bytes included', () => {
    fc.assert(
      fc.property(arbitraryProject, (project) => {
        expect(importProjectFile(exportProjectFile(project))).toEqual(project);
      }),
      { numRuns: 100 },
    );
  });

  test('importProjectFile() refuses a non-zip, a zip without project.json and a newer schema with a message', () => {
    expect(importProjectFile(bytes(1, 2, 3))).toEqual({ error: expect.stringContaining('不是有效的项目文件') });
    const newer = exportProjectFile({ ...emptyProject(), schemaVersion: 2 as unknown as 1 });
    expect(importProjectFile(newer)).toEqual({ error: expect.stringContaining('版本') });
  });

  test('migrateProject() ignores corrupt stored values instead of throwing', () => {
    for (const value of [null, 1, 'x', [], { schemaVersion: 1 }, { schemaVersion: 1, base: 'lucheng', files: [{ role: 'status' }] }]) expect(migrateProject(value)).toBeNull();
    expect(migrateProject({ ...emptyProject(), settings: undefined })?.settings.footer).toBe(emptyProject().settings.footer);
  });
});

describe('withImport()', () => {
  const status = preview({ name: 's.csv', inputs: ['s.csv'], kind: 'status', format: 'csv' });
  const inputs = [{ name: 's.csv', bytes: bytes(1) }, { name: 'b.geojson', bytes: bytes(2) }, { name: 'bad.csv', bytes: bytes(3) }, { name: 'p.csv', bytes: bytes(4) }];

  test('a status table replaces the base status and keeps the Lucheng boundaries', () => {
    const project = withImport(emptyProject(), [status], inputs, { 's.csv': { encoding: 'gb18030' } }, 'now');
    expect(project.base).toBe('lucheng');
    expect(project.files).toEqual([{ role: 'status', name: 's.csv', parts: [inputs[0]], choices: { encoding: 'gb18030', kind: 'status' }, importedAt: 'now' }]);
    expect(projectSources(project, EMBEDDED).map((source) => [source.role, source.file, source.parts ? 'bytes' : 'url'])).toEqual([
      ['communities', 'communities.geojson', 'url'],
      ['status', 's.csv', 'bytes'],
    ]);
  });

  test('new boundaries start a fresh project; refused files are left out; a plan file sets the plan', () => {
    const start = withImport(emptyProject(), [status], inputs, {}, 'then');
    const next = withImport(
      { ...start, planCodes: ['a'] },
      [preview({ name: 'b.geojson', inputs: ['b.geojson'], kind: 'boundaries' }), preview({ name: 'bad.csv', inputs: ['bad.csv'], kind: 'status', errors: [{ code: 'E_VALUE', expected: 'x' }] }), preview({ name: 'p.csv', inputs: ['p.csv'], kind: 'plan', designated: ['c1'] })],
      inputs,
      {},
      'now',
    );
    expect(next.base).toBe('none');
    expect(next.files.map((file) => file.name)).toEqual(['b.geojson']);
    expect(next.planCodes).toEqual(['c1']);
  });
});
