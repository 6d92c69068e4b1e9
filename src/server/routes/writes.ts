/**
 * Every write of a campaign, each one transaction through CampaignService.write (change,
 * version bump, audit event; the live event after commit). A write names the version it was
 * made on; a stale one gets 409 with the current row.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  answerProblemBodySchema,
  boundariesBodySchema,
  patchCommunityBodySchema,
  planBodySchema,
  problemBodySchema,
  scenarioBodySchema,
  settingsBodySchema,
  type PatchCommunityBody,
  type PlanBody,
  type ProblemBody,
} from '../../api/index.ts';
import { parseBoundaries, parseCampaignConfig, type CommunityStatus } from '../../core/index.ts';
import type { AppServices } from '../services.ts';
import type { AccessTarget } from '../auth/permissions.ts';
import * as q from '../db/queries.ts';
import { ApiError, conflict, notFound } from '../errors.ts';
import type { z } from 'zod';

type Params = { id: string; code?: string; pid?: string; sid?: string };

/** Largest boundary upload, in bytes (a district of 10,000 communities fits). */
export const BOUNDARY_BODY_LIMIT = 64 * 1024 * 1024;

export function writeRoutes(services: AppServices) {
  const { campaigns } = services;

  /** The community a request names (in the path, else the body's `code`), for scope checks; 404 when unknown. */
  const communityTarget = async (request: FastifyRequest): Promise<AccessTarget> => {
    const params = request.params as Params;
    const code = params.code ?? (request.body as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'string') throw new ApiError(400, 'E_VALIDATION', '请求内容不符合要求：缺少社区代码 code');
    const community = await campaigns.community(params.id, code);
    if (!community) throw notFound(`社区 ${code}`);
    return { community };
  };

  const problemTarget = async (request: FastifyRequest): Promise<AccessTarget> => {
    const params = request.params as Params;
    const problem = /^\d{1,15}$/.test(params.pid ?? '') ? await q.getProblem(services.db, params.id, Number(params.pid)) : null;
    if (!problem) throw notFound(`问题 ${params.pid}`);
    return { department: problem.department };
  };

  const actor = (request: FastifyRequest) => request.user!.username;

  return async (app: FastifyInstance) => {
    app.patch<{ Params: { id: string; code: string }; Body: PatchCommunityBody }>(
      '/api/campaigns/:id/communities/:code',
      { schema: { body: patchCommunityBodySchema }, config: { access: { permission: 'status.edit', campaign: true, target: communityTarget } } },
      async (request) => {
        const { id, code } = request.params;
        const { version, changes } = request.body;
        // One statement: the merge, the audit event, the revision bump and the live event.
        return campaigns.patchStatus(id, actor(request), code, version, changes as Partial<CommunityStatus>);
      },
    );

    // POST /api/campaigns/:id/inspections: routes/inspections.ts (the phone's form and this CSV-style body).

    app.post<{ Params: { id: string }; Body: ProblemBody }>(
      '/api/campaigns/:id/problems',
      { schema: { body: problemBodySchema }, config: { access: { permission: 'problem.report', campaign: true, target: communityTarget } } },
      async (request, reply) => {
        const { id } = request.params;
        const row = await campaigns.write(id, actor(request), async (tx) => {
          const inserted = await q.insertProblem(tx, id, request.body, actor(request));
          return { result: inserted, audit: { action: 'problem.create', entity: `problem:${inserted.id}`, before: null, after: inserted }, event: { type: 'problem', row: inserted } };
        });
        return reply.code(201).send(row);
      },
    );

    app.patch<{ Params: { id: string; pid: string }; Body: z.infer<typeof answerProblemBodySchema> }>(
      '/api/campaigns/:id/problems/:pid',
      { schema: { body: answerProblemBodySchema }, config: { access: { permission: 'problem.answer', campaign: true, target: problemTarget } } },
      async (request) => {
        const { id } = request.params;
        const pid = Number(request.params.pid);
        return campaigns.write(id, actor(request), async (tx) => {
          const before = (await q.getProblem(tx, id, pid))!;
          const after = before.version === request.body.version ? await q.answerProblem(tx, id, pid, request.body.version, request.body.answer) : null;
          if (!after) throw conflict((await q.getProblem(tx, id, pid)) ?? before);
          return { result: after, audit: { action: 'problem.answer', entity: `problem:${pid}`, before, after }, event: { type: 'problem', row: after } };
        });
      },
    );

    app.put<{ Params: { id: string }; Body: PlanBody }>(
      '/api/campaigns/:id/plan',
      { schema: { body: planBodySchema }, config: { access: { permission: 'plan.edit', campaign: true } } },
      async (request) => {
        const { id } = request.params;
        const { version, codes } = request.body;
        const communities = await campaigns.communities(id);
        const unknown = (codes ?? []).filter((code) => !communities.has(code));
        if (unknown.length > 0) throw new ApiError(400, 'E_UNKNOWN_CODE', `方案中的社区代码在边界中不存在：${unknown.slice(0, 10).join('、')}`);
        const unique = codes === null ? null : [...new Set(codes)];
        return campaigns.write(id, actor(request), async (tx) => {
          const before = await q.getPlan(tx, id);
          const after = before && before.version === version ? await q.updatePlan(tx, id, version, unique, actor(request)) : null;
          if (!after) throw conflict(await q.getPlan(tx, id));
          return { result: after, audit: { action: 'plan.update', entity: 'plan', before, after }, event: { type: 'plan', plan: after } };
        });
      },
    );

    app.post<{ Params: { id: string }; Body: z.infer<typeof scenarioBodySchema> }>(
      '/api/campaigns/:id/scenarios',
      { schema: { body: scenarioBodySchema }, config: { access: { permission: 'scenario.edit', campaign: true } } },
      async (request, reply) => {
        const { id } = request.params;
        const saved = await campaigns.write(id, actor(request), async (tx) => {
          const { saved, replaced } = await q.saveScenario(tx, id, request.body.name, [...new Set(request.body.codes)], actor(request));
          return { result: saved, audit: { action: replaced ? 'scenario.replace' : 'scenario.create', entity: `scenario:${saved.id}`, before: replaced, after: saved }, event: { type: 'scenario', id: saved.id, scenario: saved } };
        });
        return reply.code(201).send(saved);
      },
    );

    app.delete<{ Params: { id: string; sid: string } }>(
      '/api/campaigns/:id/scenarios/:sid',
      { config: { access: { permission: 'scenario.edit', campaign: true } } },
      async (request) => {
        const { id, sid } = request.params;
        if (!/^\d{1,15}$/.test(sid)) throw notFound(`方案 ${sid}`);
        return campaigns.write(id, actor(request), async (tx) => {
          const removed = await q.deleteScenario(tx, id, Number(sid));
          if (!removed) throw notFound(`方案 ${sid}`);
          return { result: { ok: true }, audit: { action: 'scenario.delete', entity: `scenario:${sid}`, before: removed, after: null }, event: { type: 'scenario', id: removed.id, scenario: null } };
        });
      },
    );

    app.put<{ Params: { id: string }; Body: z.infer<typeof settingsBodySchema> }>(
      '/api/campaigns/:id/settings',
      { schema: { body: settingsBodySchema }, config: { access: { permission: 'settings.edit', campaign: true } } },
      async (request) => {
        const { id } = request.params;
        // The core's parser decides what a valid campaign config is (422 with its issues otherwise).
        const config = parseCampaignConfig(JSON.stringify(request.body.settings), 'campaign.json');
        return campaigns.write(id, actor(request), async (tx) => {
          const before = (await q.getCampaign(tx, id))!;
          const after = await q.updateSettings(tx, id, request.body.version, request.body.settings, config.title);
          if (!after) throw conflict({ settings: before.settings, version: before.settingsVersion });
          const result = { settings: after.settings, version: after.settingsVersion };
          return { result, audit: { action: 'settings.update', entity: 'settings', before: { settings: before.settings, version: before.settingsVersion }, after: result }, event: { type: 'settings', version: after.settingsVersion } };
        });
      },
    );

    app.put<{ Params: { id: string }; Body: z.infer<typeof boundariesBodySchema> }>(
      '/api/campaigns/:id/boundaries',
      { bodyLimit: BOUNDARY_BODY_LIMIT, schema: { body: boundariesBodySchema }, config: { access: { permission: 'boundaries.edit', campaign: true } } },
      async (request) => {
        const { id } = request.params;
        const { version, file, communities, streets = null, district = null } = request.body;
        // The core's ingest validates (422 with every problem, as the app's import preview shows them).
        const parsed = parseBoundaries(communities as never, { file });
        if (streets) parseBoundaries(streets as never, { file: 'streets.geojson' });
        if (district) parseBoundaries(district as never, { file: 'district.geojson' });
        return campaigns.write(id, actor(request), async (tx) => {
          const before = await q.currentBoundaries(tx, id);
          const added = await q.insertBoundaries(tx, id, version === 0 ? null : version, { file, communities, streets, district }, actor(request));
          if (added === null) throw conflict(before && { version: before.version, file: before.file, createdBy: before.createdBy, createdAt: before.createdAt });
          const result = { version: added, features: parsed.features.length, warnings: parsed.warnings };
          return { result, audit: { action: 'boundaries.import', entity: 'boundaries', before: before && { version: before.version, file: before.file }, after: { version: added, file, features: parsed.features.length } }, event: { type: 'boundaries', version: added } };
        });
      },
    );
  };
}
