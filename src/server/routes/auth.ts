/** POST /api/login, POST /api/logout, GET /api/me. */
import type { FastifyInstance } from 'fastify';
import { loginBodySchema, type LoginBody, type Me } from '../../api/index.ts';
import type { AppServices } from '../app.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.ts';
import { SESSION_COOKIE, hashToken, sessionCookieOptions, startSession } from '../auth/sessions.ts';
import * as q from '../db/queries.ts';
import { ApiError, unauthorized } from '../errors.ts';

export const meOf = (user: q.UserRecord): Me => ({ username: user.username, role: user.role, scope: user.scope });

export function authRoutes(services: AppServices, options: { secureCookies: boolean }) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: LoginBody }>('/api/login', { schema: { body: loginBodySchema }, config: { access: { permission: 'public' } } }, async (request, reply) => {
      const { username, password } = request.body;
      const keys = [`user:${username}`, `ip:${request.ip}`];
      const wait = services.limiter.retryAfterSeconds(keys);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new ApiError(429, 'E_RATE_LIMIT', `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`);
      }
      const user = await q.findUser(services.db, username);
      // Always hash, so that an unknown name takes as long as a wrong password.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok || user.disabled) {
        services.limiter.fail(keys);
        throw new ApiError(401, 'E_LOGIN', '用户名或密码错误，或账号已停用');
      }
      services.limiter.succeed(keys[0]!);
      // Session fixation: whatever token came in is ended; the session is always a new token.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) services.sessions.delete(hashToken(previous));
      const token = await services.db.transaction(async (tx) => {
        if (previous) await q.deleteSession(tx, hashToken(previous));
        await q.appendAudit(tx, { campaignId: null, actor: user.username, action: 'login', entity: `user:${user.username}`, before: null, after: { ip: request.ip } });
        return startSession(tx, user.id);
      });
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(options.secureCookies));
      return meOf(user);
    });

    app.post('/api/logout', { config: { access: { permission: 'public' } } }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        services.sessions.delete(hashToken(token));
        await q.deleteSession(services.db, hashToken(token));
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.get('/api/me', { config: { access: { permission: 'public' } } }, async (request) => {
      if (!request.user) throw unauthorized();
      return meOf(request.user);
    });
  };
}
