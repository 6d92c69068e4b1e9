/**
 * The installable app (issue 20, the inspector's phone): vite-plugin-pwa (Workbox's generateSW)
 * writes the web manifest (连片, icons in public/icons) and dist/sw.js. The service worker
 * precaches the inspector's page (inspect/index.html) and every chunk and asset it can load,
 * static or lazy, found by walking the bundle's import graph from its entry — not the
 * dashboard's PDF, slides and analysis-worker chunks, which an inspector's phone never needs —
 * and keeps the last answer of the API reads the form needs (who is signed in, the campaign's
 * boundaries, settings, status rows and inspections, the supervision settings, the rounds of the
 * day) with NetworkFirst, so the pages open offline. Only the inspector's page registers it (src/ui/inspect/main.tsx); `npm start`
 * (Vite middleware) runs without it.
 */
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** The inspector's page, relative to the project root (also a Rollup input of the build). */
export const INSPECT_HTML = 'inspect/index.html';

/** Precached besides the closure: the page itself and the icons (the plugin adds the manifest) (not the dashboard's index.html, whose chunks are not precached). */
const SHELL = /^(inspect\/index\.html|favicon\.svg|icons\/.+\.png)$/;

/** Files of the bundle reachable from one HTML entry (its chunks, their static and lazy imports, CSS and assets). */
function entryClosure(): { plugin: Plugin; files: Set<string> } {
  const files = new Set<string>();
  const plugin: Plugin = {
    name: 'lianpian:inspect-closure',
    apply: 'build',
    generateBundle(_options, bundle) {
      files.clear();
      const entry = Object.values(bundle).find((output) => output.type === 'chunk' && output.isEntry && output.facadeModuleId?.replaceAll('\\', '/').endsWith(`/${INSPECT_HTML}`));
      if (!entry || entry.type !== 'chunk') return;
      const queue = [entry.fileName];
      while (queue.length > 0) {
        const name = queue.pop()!;
        if (files.has(name)) continue;
        files.add(name);
        const output = bundle[name];
        if (output?.type !== 'chunk') continue;
        queue.push(...output.imports, ...output.dynamicImports, ...(output.viteMetadata?.importedCss ?? []), ...(output.viteMetadata?.importedAssets ?? []));
        // Assets referenced by URL (`?url`, `new URL(…, import.meta.url)`) appear in the code only.
        for (const other of Object.values(bundle)) if (other.type === 'asset' && output.code.includes(other.fileName)) queue.push(other.fileName);
      }
    },
  };
  return { plugin, files };
}

/** The PWA plugins: the closure walker and vite-plugin-pwa. */
export function pwaPlugins(): Plugin[] {
  const closure = entryClosure();
  return [
    closure.plugin,
    ...VitePWA({
      registerType: 'autoUpdate',
      // Registered by the inspector's page only (virtual:pwa-register), not by a script on every page.
      injectRegister: false,
      // The icons and favicon come from globPatterns (SHELL below); listing them again would precache them twice.
      includeManifestIcons: false,
      manifest: {
        id: '/inspect/',
        name: '连片 · 督查填报',
        short_name: '连片',
        description: '连片：精品示范社区督查员的手机填报（离线可用）',
        lang: 'zh-CN',
        start_url: '/inspect/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#b91c1c',
        icons: [
          { src: '/icons/pwa-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/pwa-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // A new version takes over at once, and the first one controls the page that registered it
        // (so the reads after sign-in are kept for offline use without a second visit).
        skipWaiting: true,
        clientsClaim: true,
        globPatterns: ['**/*.{js,mjs,css,html,svg,png}'],
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((entry) => closure.files.has(entry.url) || SHELL.test(entry.url)),
            warnings: [],
          }),
        ],
        // `/inspect/?campaign=…` is the precached page too.
        ignoreURLParametersMatching: [/.*/],
        navigateFallback: null,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // Serialised into sw.js: the pattern must stay inline. GET only; writes go through the outbox.
            urlPattern: ({ url, request, sameOrigin }) =>
              sameOrigin && request.method === 'GET' && /^\/api\/(me|campaigns(\/[^/]+(\/(files\/[^/]+|communities|rounds\/today|supervision|inspections))?)?)$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'lianpian-inspect-api',
              networkTimeoutSeconds: 8,
              // The boundary file's ?revision= changes with every edit; offline, the last one is used.
              matchOptions: { ignoreSearch: true },
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 64 },
            },
          },
        ],
      },
    }),
  ];
}
