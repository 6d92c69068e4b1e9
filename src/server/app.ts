/**
 * The campaign server's HTTP app (Fastify 5): the JSON API under /api, plus the SPA (Vite
 * middleware in development, dist/ in production, or nothing for API-only tests).
 *
 * Every /api route declares its access (`config.access`: a permission of auth/permissions.ts,
 * or 'public' / 'signed-in'); a route without one fails at start. One preHandler hook resolves
 * the session and checks the access for every request. State-changing requests with a foreign
 * Origin are refused before anything else. Every error leaves as JSON {code, message}.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import type { ZodType } from 'zod';
import { InputError, formatInputError } from '../core/index.ts';
import { ROLE_PERMISSIONS, PUBLIC_PERMISSIONS, isAllowed } from './auth/permissions.ts';
import { SESSION_COOKIE, SessionCache, resolveSession } from './auth/sessions.ts';
import { LoginLimiter } from './auth/rate-limit.ts';
import type { Db } from './db/connection.ts';
import { ApiError, forbidden, unauthorized } from './errors.ts';
import { EventBus } from './events.ts';
import { CampaignService } from './campaign/service.ts';
import type { AppServices } from './services.ts';
import { authRoutes } from './routes/auth.ts';
import { userRoutes } from './routes/users.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { writeRoutes } from './routes/writes.ts';
import { roundRoutes } from './routes/rounds.ts';
import { inspectionRoutes } from './routes/inspections.ts';
import { caseRoutes } from './routes/cases.ts';
import { worksRoutes } from './routes/works.ts';
import { featureRoutes } from './routes/features.ts';
import { worksRecordRoutes } from './routes/works-records.ts';
import { open311Routes } from './routes/open311.ts';
import { boundaryPreviewRoutes } from './routes/boundary-preview.ts';

export interface AppOptions {
  db: Db;
  /** Largest request body in bytes (default 1 MiB; boundary uploads have their own limit). */
  bodyLimit?: number;
  /** Origins besides the server's own that may send state-changing requests (e.g. a proxy's public URL). */
  trustedOrigins?: readonly string[];
  /** Set the cookie's Secure attribute (behind https). */
  secureCookies?: boolean;
  limiter?: LoginLimiter;
  logger?: boolean;
  /** Mounts the SPA after the API routes (dev: Vite middleware; prod: dist/). */
  spa?: (app: FastifyInstance) => Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export type { Access, AppServices } from './services.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds the app (not listening); close it with `app.close()` (the database is the caller's). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  // forceCloseConnections: close() also ends open event streams.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit, trustProxy: false, return503OnClosing: true, forceCloseConnections: true });
  const bus = new EventBus();
  const services: AppServices = { db: options.db, bus, campaigns: new CampaignService(options.db, bus), limiter: options.limiter ?? new LoginLimiter(), sessions: new SessionCache() };

  // Request bodies are validated by the route's zod schema (src/api): one declaration per route.
  app.setValidatorCompiler(({ schema }) => (data) => {
    const result = (schema as ZodType).safeParse(data);
    if (!result.success) return { error: result.error as unknown as Error };
    // PostgreSQL text cannot hold U+0000: refuse it here as bad input rather than fail in the database.
    if (containsNul(result.data)) return { error: new ApiError(400, 'E_VALIDATION', '请求内容不符合要求：文本中不能含有空字符（U+0000）') };
    return { value: result.data };
  });

  app.decorate('services', services);
  app.addHook('onClose', async () => services.campaigns.close());
  app.decorateRequest('user', null);
  app.decorateRequest('campaign', null);
  await app.register(cookie);

  app.addHook('onRequest', async (request) => {
    if (request.url.includes('%00') || request.url.includes('\u0000')) throw new ApiError(400, 'E_VALIDATION', '请求地址中不能含有空字符（U+0000）');
  });

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) throw new Error(`route ${route.method} ${route.url} declares no access`);
  });

  // CSRF: a state-changing request from a browser on another origin is refused. Requests without
  // Origin (curl, the CLI) carry no browser's cookies by themselves; the cookie is SameSite=Strict too.
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const own = `${request.protocol}://${request.host}`;
    if (origin !== own && !(options.trustedOrigins ?? []).includes(origin)) throw new ApiError(403, 'E_ORIGIN', '拒绝来自其他网站的修改请求');
  });

  // Before body validation: an unauthorised caller learns nothing about the body's shape.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return; // not an API route (the SPA's files)
    request.user = await resolveSession(services.db, request.cookies[SESSION_COOKIE], services.sessions);
    if (access.permission === 'public') return;
    if (access.permission === 'signed-in') {
      if (!request.user) throw unauthorized();
      return;
    }
    if (access.campaign) request.campaign = await services.campaigns.campaign((request.params as { id: string }).id);
    const user = request.user;
    if (!user) {
      if (request.campaign?.publicRead && PUBLIC_PERMISSIONS.has(access.permission)) return;
      throw unauthorized();
    }
    if (ROLE_PERMISSIONS[user.role]?.[access.permission] === undefined) throw forbidden();
    if (access.scopeInRoute) return;
    const target = access.target ? await access.target(request, services) : {};
    if (!isAllowed(user, access.permission, target)) throw forbidden('对此范围的操作');
  });

  app.setErrorHandler((error: FastifyError | ApiError | InputError, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.status).send({ code: error.code, message: error.message, ...error.extra });
    if (error instanceof InputError) {
      return reply.code(422).send({ code: 'E_INPUT', message: error.issues.map((issue) => `${issue.code}: ${formatInputError(issue)}`).join('\n'), issues: error.issues });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation || fastifyError.code === 'FST_ERR_VALIDATION' || fastifyError.name === 'ZodError') {
      return reply.code(400).send({ code: 'E_VALIDATION', message: `请求内容不符合要求：${validationDetails(error)}` });
    }
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ code: 'E_TOO_LARGE', message: `请求内容过大（上限 ${request.routeOptions.bodyLimit ?? bodyLimit} 字节）` });
    if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ code: 'E_MEDIA_TYPE', message: '请求内容须为 JSON（Content-Type: application/json）' });
    if (fastifyError.statusCode === 400) return reply.code(400).send({ code: 'E_BAD_REQUEST', message: '请求格式错误（不是合法的 JSON？）' });
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) return reply.code(fastifyError.statusCode).send({ code: 'E_BAD_REQUEST', message: '请求无法处理' });
    request.log.error(error);
    if (!options.logger) process.stderr.write(`lianpian server: ${request.method} ${request.url}: ${String((error as Error)?.stack ?? error)}\n`);
    return reply.code(500).send({ code: 'E_INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' });
  });

  app.setNotFoundHandler((request, reply) => reply.code(404).send({ code: 'E_NOT_FOUND', message: `找不到 ${request.method} ${request.url.split('?')[0]}` }));

  await app.register(authRoutes(services, { secureCookies: options.secureCookies ?? false }));
  await app.register(userRoutes(services));
  await app.register(campaignRoutes(services));
  await app.register(writeRoutes(services));
  // The supervision loop (issue 20).
  await app.register(roundRoutes(services));
  await app.register(inspectionRoutes(services));
  await app.register(caseRoutes(services));
  await app.register(worksRoutes(services));
  await app.register(featureRoutes(services));
  await app.register(worksRecordRoutes(services));
  await app.register(open311Routes(services));
  await app.register(boundaryPreviewRoutes(services));
  if (options.spa) await options.spa(app);
  return app;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item));
  return false;
}

function validationDetails(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? (error as { validation?: { instancePath?: string; message?: string }[] }).validation;
  if (!Array.isArray(issues)) return String((error as Error).message).slice(0, 300);
  return issues
    .slice(0, 5)
    .map((issue) => ('path' in issue ? `${issue.path.join('.') || '（整体）'}: ${issue.message}` : `${issue.instancePath}: ${issue.message}`))
    .join('；');
}
