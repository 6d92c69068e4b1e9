/**
 * Serving the app next to the API: in development Vite runs inside the server as middleware
 * (hot reload over the server's own HTTP server); in production the built dist/ is served by
 * @fastify/static. /api/* never reaches either.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Vite in middleware mode (the app with hot module replacement). */
export async function devSpa(app: FastifyInstance): Promise<void> {
  const { createServer } = await import('vite');
  const middie = (await import('@fastify/middie')).default;
  const vite = await createServer({ root: ROOT, appType: 'spa', server: { middlewareMode: true, ws: { server: app.server } } });
  await app.register(middie);
  app.use((req: { url?: string }, res: unknown, next: () => void) => {
    if (req.url?.startsWith('/api/')) return next();
    return (vite.middlewares as unknown as (req: unknown, res: unknown, next: () => void) => void)(req, res, next);
  });
  app.addHook('onClose', async () => vite.close());
}

/** The built app (run `npm run build` first; `npm run serve` does). */
export async function productionSpa(app: FastifyInstance): Promise<void> {
  if (!existsSync(`${DIST}index.html`)) throw new Error(`${DIST}index.html 不存在：请先运行 npm run build（npm run serve 会先构建）`);
  const fastifyStatic = (await import('@fastify/static')).default;
  await app.register(fastifyStatic, { root: DIST, prefix: '/', wildcard: true, cacheControl: true, maxAge: '1h' });
}
