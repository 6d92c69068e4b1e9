/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { INSPECT_HTML, pwaPlugins } from './vite.pwa.ts';

// One config for the app and its tests. Test projects:
//   unit: src/core, CLI, data and tooling tests in Node;
//   server: the campaign server's API (test/server) on PGlite or DATABASE_URL's PostgreSQL;
//   ui:   React components in jsdom;
//   e2e:  the built app in Debian's headless Chromium (test/e2e/global-setup.ts builds and serves it).
export default defineConfig({
  // pwaPlugins: the web manifest and the service worker of the inspector's page (vite.pwa.ts).
  plugins: [react(), ...pwaPlugins()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    // Two pages: the dashboard (index.html) and the inspector's phone (inspect/index.html, /inspect/).
    rolldownOptions: { input: { main: 'index.html', inspect: INSPECT_HTML } },
  },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/data/**/*.test.ts', 'test/tooling/**/*.test.ts', 'test/state/**/*.test.ts', 'test/app/**/*.test.ts', 'test/map/**/*.test.ts', 'test/worker/**/*.test.ts', 'test/charts/**/*.test.ts', 'test/export/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        // The campaign server's API suite: real servers on 127.0.0.1 over PGlite, or over the
        // PostgreSQL of DATABASE_URL when it is set (.ci/run starts one).
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['test/server/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['test/ui/**/*.test.tsx'],
          setupFiles: ['test/ui/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
