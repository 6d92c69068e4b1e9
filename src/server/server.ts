/**
 * Starting the campaign server: open the database, migrate, seed, build the app, listen.
 * Used by main.ts (the npm scripts) and by the tests (in-process or as a child process).
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { dbLocationFromEnv, openDb, type Db } from './db/connection.ts';
import { migrate } from './db/migrate.ts';
import { seed } from './campaign/seed.ts';
import { devSpa, productionSpa } from './spa.ts';

export interface StartOptions {
  mode: 'development' | 'production' | 'api-only';
  env: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  url: string;
  close(): Promise<void>;
}

export async function startServer({ mode, env, log = () => undefined }: StartOptions): Promise<RunningServer> {
  const location = dbLocationFromEnv(env);
  const db = await openDb(location);
  await migrate(db);
  const { generatedAdminPassword } = await seed(db, env);
  if (generatedAdminPassword) {
    log('');
    log(`  管理员账号 admin 的初始密码（只显示这一次，请登录后妥善保存）: ${generatedAdminPassword}`);
    log('  The admin password (shown once): set LIANPIAN_ADMIN_PASSWORD before the first start to choose it.');
    log('');
  }
  const app = await buildApp({
    db,
    trustedOrigins: (env.LIANPIAN_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''),
    secureCookies: env.LIANPIAN_SECURE_COOKIES === '1',
    ...(mode === 'development' ? { spa: devSpa } : mode === 'production' ? { spa: productionSpa } : {}),
  });
  const host = env.HOST || '127.0.0.1';
  const port = env.PORT === undefined || env.PORT === '' ? 5173 : Number(env.PORT);
  await app.listen({ host, port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`;
  log(`连片 Lianpian ${mode === 'production' ? '' : `(${mode}) `}${url}  数据库 database: ${location.kind === 'pglite' ? `PGlite ${location.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
  return {
    app,
    db,
    url,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
