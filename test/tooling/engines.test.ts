import { readFileSync } from 'node:fs';
import semver from 'semver';
import { expect, test } from 'vitest';

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

test('every installed package supports the oldest Node that package.json engines allows, so npm ci prints no EBADENGINE warning (issue 16)', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
  const oldest = semver.minVersion(manifest.engines.node)!.version;
  expect(oldest).toBe('20.19.0');
  const unsupported = Object.entries(lock.packages).flatMap(([path, entry]) => {
    // Old packages may list engines as an array of strings; npm checks only the object form.
    const wanted = path !== '' && entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
    if (wanted === undefined || semver.satisfies(oldest, wanted, { includePrerelease: true })) return [];
    return [`${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version} wants node ${wanted}`];
  });
  expect(unsupported).toEqual([]);
});
