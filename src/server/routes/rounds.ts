/**
 * Rounds of inspection (issue 20): an admin schedules a 周查/月查/抽查/暗访 (communities,
 * inspectors, dates); every inspector reads their list for today.
 */
import type { FastifyInstance } from 'fastify';
import { roundBodySchema, type RoundBody, type TodayList } from '../../api/index.ts';
import { chinaDay } from '../../core/index.ts';
import type { AppServices } from '../services.ts';
import * as q from '../db/queries.ts';
import * as store from '../campaign/supervision-store.ts';
import { namesOf, serverNow } from '../campaign/supervision.ts';
import { ApiError, notFound, unauthorized } from '../errors.ts';

export function roundRoutes(services: AppServices) {
  const { campaigns, db } = services;
  return async (app: FastifyInstance) => {
    app.post<{ Params: { id: string }; Body: RoundBody }>(
      '/api/campaigns/:id/rounds',
      { schema: { body: roundBodySchema }, config: { access: { permission: 'round.schedule', campaign: true } } },
      async (request, reply) => {
        const { id } = request.params;
        const communities = await campaigns.communities(id);
        const unknown = request.body.communities.filter((code) => !communities.has(code));
        if (unknown.length > 0) throw new ApiError(400, 'E_UNKNOWN_CODE', `检查轮次中的社区代码在边界中不存在：${unknown.slice(0, 10).join('、')}`);
        const inspectors = await Promise.all(request.body.inspectors.map((username) => q.findUser(db, username)));
        const notInspectors = request.body.inspectors.filter((username, index) => !inspectors[index] || inspectors[index]!.role !== 'inspector');
        if (notInspectors.length > 0) throw new ApiError(400, 'E_UNKNOWN_USER', `以下账号不存在或不是督查员：${notInspectors.slice(0, 10).join('、')}`);
        const round = await campaigns.write(id, request.user!.username, async (tx) => {
          const inserted = await store.insertRound(tx, id, request.body, request.user!.username);
          return { result: inserted, audit: { action: 'round.create', entity: `round:${inserted.id}`, before: null, after: inserted }, event: { type: 'round.changed', id: inserted.id, round: inserted } };
        });
        return reply.code(201).send(round);
      },
    );

    app.get<{ Params: { id: string } }>('/api/campaigns/:id/rounds', { config: { access: { permission: 'campaign.read', campaign: true } } }, async (request) => ({
      rounds: await store.listRounds(db, request.params.id),
    }));

    app.delete<{ Params: { id: string; roundId: string } }>(
      '/api/campaigns/:id/rounds/:roundId',
      { config: { access: { permission: 'round.schedule', campaign: true } } },
      async (request) => {
        const { id, roundId } = request.params;
        return campaigns.write(id, request.user!.username, async (tx) => {
          const removed = await store.deleteRound(tx, id, roundId);
          if (!removed) throw notFound(`检查轮次 ${roundId}`);
          return { result: { ok: true }, audit: { action: 'round.delete', entity: `round:${roundId}`, before: removed, after: null }, event: { type: 'round.changed', id: roundId, round: null } };
        });
      },
    );

    // The signed-in inspector's list for a day (admin: every round that day).
    app.get<{ Params: { id: string }; Querystring: { date?: string } }>(
      '/api/campaigns/:id/rounds/today',
      { config: { access: { permission: 'campaign.read', campaign: true } } },
      async (request): Promise<TodayList> => {
        const user = request.user;
        if (!user) throw unauthorized();
        const date = request.query.date ?? chinaDay(serverNow());
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ApiError(400, 'E_VALIDATION', `请求内容不符合要求：date 须为 YYYY-MM-DD（收到 ${date}）`);
        const rounds = (await store.listRounds(db, request.params.id)).filter((round) => round.start <= date && date <= round.end && (user.role === 'admin' || round.inspectors.includes(user.username)));
        const inspected = await store.inspectedInRounds(db, request.params.id, rounds.map((round) => round.id));
        const names = namesOf(await campaigns.model(request.params.id));
        return {
          date,
          rounds: rounds.map((round) => ({
            round,
            communities: round.communities.map((code) => {
              const community = names.community(code);
              return { code, name: community?.name ?? code, street: community?.street ?? '', streetName: community?.streetName ?? '', inspected: inspected.has(`${round.id}:${code}`) };
            }),
          })),
        };
      },
    );
  };
}
