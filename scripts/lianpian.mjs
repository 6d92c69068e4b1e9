#!/usr/bin/env node
// `lianpian` bin: runs the prebuilt CLI bundle (dist-cli/lianpian.cjs with its V8 code cache, see
// scripts/build-cli.mjs), rebuilding it first when it is missing or older than its sources. When
// it cannot be built, or with LIANPIAN_CLI_SOURCE=1, runs the TypeScript source through tsx
// instead (slower start).
import { buildCli, isCliBundleFresh, runCliBundle } from './build-cli.mjs';

async function bundleReady() {
  if (process.env.LIANPIAN_CLI_SOURCE === '1') return false;
  if (isCliBundleFresh()) return true;
  try {
    await buildCli();
    return true;
  } catch {
    // Read-only install or a source error: tsx runs the source (and shows such an error itself).
    return false;
  }
}

if (await bundleReady()) {
  runCliBundle();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
