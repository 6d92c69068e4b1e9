import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

test('every dependency with an install script is reviewed in package.json allowScripts, so npm ci prints no install-scripts warning (issue 16)', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts?: Record<string, boolean> };
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
  const withScripts = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  expect(withScripts).toContain('esbuild');
  const reviewed = Object.keys(manifest.allowScripts ?? {}).map((key) => key.replace(/(?<=.)@[^@]*$/, ''));
  expect(withScripts.filter((name) => !reviewed.includes(name))).toEqual([]);
});
