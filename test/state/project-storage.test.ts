/**
 * The project as IndexedDB stores it (issue 15): file bytes apart from the record, by content
 * hash, so saving a plan change writes no bytes; records stored before (version 1, bytes inline)
 * still restore.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contentHash, emptyProject, rememberContentHash, restoredProject, storedHashes, storedProject, type Project } from '../../src/state/project.ts';

const project = (files: { name: string; parts: { name: string; bytes: Uint8Array }[] }[]): Project => ({
  ...emptyProject('2002-05-24T00:00:00.000Z'),
  base: 'none',
  files: files.map((file, i) => ({ role: (['communities', 'status', 'inspections', 'campaign'] as const)[i % 4]!, name: file.name, parts: file.parts, choices: { encoding: 'auto' }, importedAt: '2002-05-24T00:00:00.000Z' })),
  planCodes: ['330302026024'],
});

const arbitraryFiles = fc.array(
  fc.record({ name: fc.string({ minLength: 1, maxLength: 10 }), parts: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 10 }), bytes: fc.uint8Array({ maxLength: 48 }) }), { minLength: 1, maxLength: 3 }) }),
  { maxLength: 4 },
);

describe('storedProject() and restoredProject()', () => {
  test('storedProject() then restoredProject() gives back the same project, bytes included', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryFiles, async (files) => {
        const original = project(files);
        const { record, blobs } = await storedProject(original);
        // Through structured clone, as IndexedDB stores it.
        const restored = restoredProject(structuredClone(record), (hash) => blobs.get(hash));
        expect(restored).toEqual(original);
      }),
      { numRuns: 60 },
    );
  });

  test('storedProject() keeps no bytes in the record and stores equal bytes once', async () => {
    const same = Uint8Array.from([1, 2, 3]);
    const { record, blobs } = await storedProject(project([{ name: 'a.geojson', parts: [{ name: 'a.geojson', bytes: same }] }, { name: 'b.csv', parts: [{ name: 'b.csv', bytes: Uint8Array.from([1, 2, 3]) }] }]));
    expect(JSON.stringify(record)).not.toContain('bytes');
    expect(record.files.map((file) => file.parts[0]!.size)).toEqual([3, 3]);
    expect(blobs.size).toBe(1);
    expect(storedHashes(record)).toEqual([await contentHash(same), await contentHash(same)]);
  });

  test('a plan change gives a record with the same hashes, so no bytes need writing', async () => {
    const original = project([{ name: 'a.geojson', parts: [{ name: 'a.geojson', bytes: Uint8Array.from([7, 8, 9]) }] }]);
    const before = await storedProject(original);
    const after = await storedProject({ ...original, planCodes: ['330302026025'] });
    expect(storedHashes(after.record)).toEqual(storedHashes(before.record));
    expect(after.record.planCodes).toEqual(['330302026025']);
  });

  test('storedProject() names bytes by the hash the worker computed for them (rememberContentHash), without hashing them here', async () => {
    const bytes = Uint8Array.from([4, 5, 6]);
    const hash = 'f'.repeat(64);
    rememberContentHash(bytes, hash);
    const { record, blobs } = await storedProject(project([{ name: 'a.geojson', parts: [{ name: 'a.geojson', bytes }] }]));
    expect(storedHashes(record)).toEqual([hash]);
    expect(blobs.get(hash)).toBe(bytes);
  });

  test('contentHash() is the SHA-256 of the bytes in hex', async () => {
    expect(await contentHash(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('restoredProject() reads a version 1 record with the bytes inline, as stored before issue 15', () => {
    const v1 = project([{ name: 'a.geojson', parts: [{ name: 'a.geojson', bytes: Uint8Array.from([1]) }] }]);
    expect(restoredProject(structuredClone(v1), () => undefined)).toEqual(v1);
  });

  test('restoredProject() gives null for a record whose bytes are missing or for a non-project', async () => {
    const { record } = await storedProject(project([{ name: 'a.geojson', parts: [{ name: 'a.geojson', bytes: Uint8Array.from([1]) }] }]));
    expect(restoredProject(record, () => undefined)).toBeNull();
    expect(restoredProject('nope', () => undefined)).toBeNull();
    expect(restoredProject({ schemaVersion: 2, files: 'x' }, () => undefined)).toBeNull();
  });
});
