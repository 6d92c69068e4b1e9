/**
 * Builds the app once and serves it on 127.0.0.1 for the end-to-end tests. Fails with a clear
 * message (never skips) when Debian's Chromium or a CJK font is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The built app (served by the campaign server in the server-mode tests). */
    distDir: string;
  }
}

export function assertBrowserEnvironment(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`End-to-end tests need Debian's Chromium at ${CHROMIUM_PATH}. Install it with:\n  sudo apt-get install -y chromium fonts-noto-cjk\n(.ci/run does this on CI machines.)`);
  }
  let families: string;
  try {
    families = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch {
    families = '';
  }
  if (!families.trim()) {
    throw new Error('No Chinese font is installed, so map labels would render as boxes. Install one with:\n  sudo apt-get install -y fonts-noto-cjk');
  }
}

let server: PreviewServer | undefined;
let outDir: string | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertBrowserEnvironment();
  outDir = mkdtempSync(join(tmpdir(), 'lianpian-e2e-'));
  // The build users get: Vitest runs with NODE_ENV=test, which would bundle React's development
  // build (several times slower to render, and not what ships).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a local URL');
  project.provide('baseUrl', url);
  project.provide('distDir', outDir);
  return async () => {
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  };
}
