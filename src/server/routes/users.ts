/** GET|POST /api/users, PATCH /api/users/:username (admin): create, disable, reset, change role. */
import type { FastifyInstance } from 'fastify';
import { createUserBodySchema, updateUserBodySchema, type CreateUserBody, type UpdateUserBody } from '../../api/index.ts';
import type { AppServices } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import * as q from '../db/queries.ts';
import { ApiError, conflict, notFound } from '../errors.ts';

export function userRoutes(services: AppServices) {
  return async (app: FastifyInstance) => {
    const access = { permission: 'users.manage' as const };

    app.get('/api/users', { config: { access } }, async () => (await q.listUsers(services.db)).map(q.publicUser));

    app.post<{ Body: CreateUserBody }>('/api/users', { schema: { body: createUserBodySchema }, config: { access } }, async (request, reply) => {
      const body = request.body;
      const passwordHash = await hashPassword(body.password);
      const created = await services.db.transaction(async (tx) => {
        const user = await q.insertUser(tx, { username: body.username, passwordHash, role: body.role, scope: body.scope });
        if (!user) throw new ApiError(409, 'E_USER_EXISTS', `用户名 ${body.username} 已存在`, { current: q.publicUser((await q.findUser(tx, body.username))!) });
        await q.appendAudit(tx, { campaignId: null, actor: request.user!.username, action: 'user.create', entity: `user:${user.username}`, before: null, after: q.publicUser(user) });
        return user;
      });
      return reply.code(201).send(q.publicUser(created));
    });

    app.patch<{ Body: UpdateUserBody; Params: { username: string } }>('/api/users/:username', { schema: { body: updateUserBodySchema }, config: { access } }, async (request) => {
      const { version, password, ...changes } = request.body;
      const passwordHash = password === undefined ? undefined : await hashPassword(password);
      const updated = await services.db.transaction(async (tx) => {
        const before = await q.findUser(tx, request.params.username);
        if (!before) throw notFound(`用户 ${request.params.username}`);
        if (!(await q.updateUser(tx, before.id, version, { ...changes, ...(passwordHash ? { passwordHash } : {}) }))) throw conflict(q.publicUser(before));
        // A disabled account or a reset password ends the user's sessions.
        if (changes.disabled || passwordHash) await q.deleteUserSessions(tx, before.id);
        const after = (await q.findUser(tx, before.username))!;
        await q.appendAudit(tx, { campaignId: null, actor: request.user!.username, action: passwordHash ? 'user.reset' : 'user.update', entity: `user:${before.username}`, before: q.publicUser(before), after: q.publicUser(after) });
        return q.publicUser(after);
      });
      // After commit: cached sessions carry the old role, scope and state.
      services.sessions.clear();
      return updated;
    });
  };
}
