/**
 * Inspections (issue 20): the phone's form. One POST records the inspection, applies what the
 * inspector checked to the community's status row, scores it with the core's rubric (never a
 * typed score), opens a case (上报) for every problem found, in one transaction with one audit
 * event and one live event (`inspection.created`). The older CSV-style body (a typed score) is
 * still accepted on the same path.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod';
import {
  PHOTO_BODY_LIMIT,
  inspectionBodySchema,
  supervisionInspectionBodySchema,
  type InspectionBody,
  type InspectionCreated,
  type InspectionRecord,
} from '../../api/index.ts';
import { inspectionOutcome, reportCase, type CaseRecord } from '../../core/index.ts';
import type { AppServices } from '../services.ts';
import type { AccessTarget } from '../auth/permissions.ts';
import * as q from '../db/queries.ts';
import * as store from '../campaign/supervision-store.ts';
import { campaignConfig, caseView, namesOf, serverNow } from '../campaign/supervision.ts';
import { ApiError, conflict, notFound } from '../errors.ts';

type PhoneBody = z.output<typeof supervisionInspectionBodySchema>;
const bodySchema = z.union([supervisionInspectionBodySchema, inspectionBodySchema]);

const isPhone = (body: PhoneBody | InspectionBody): body is PhoneBody => 'community' in body;

/** PostgreSQL's unique_violation. */
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

export function inspectionRoutes(services: AppServices) {
  const { campaigns, db } = services;

  const communityTarget = async (request: FastifyRequest): Promise<AccessTarget> => {
    const body = request.body as { community?: unknown; code?: unknown } | undefined;
    const code = body?.community ?? body?.code;
    if (typeof code !== 'string') throw new ApiError(400, 'E_VALIDATION', '请求内容不符合要求：缺少社区代码 community');
    const community = await campaigns.community((request.params as { id: string }).id, code);
    if (!community) throw notFound(`社区 ${code}`);
    return { community };
  };

  return async (app: FastifyInstance) => {
    app.post<{ Params: { id: string }; Body: PhoneBody | InspectionBody }>(
      '/api/campaigns/:id/inspections',
      { bodyLimit: PHOTO_BODY_LIMIT, schema: { body: bodySchema }, config: { access: { permission: 'inspection.record', campaign: true, target: communityTarget } } },
      async (request, reply) => {
        const { id } = request.params;
        const actor = request.user!.username;
        const body = request.body;
        if (!isPhone(body)) {
          const row = await campaigns.write(id, actor, async (tx) => {
            const [inserted] = await q.insertInspections(tx, id, [body], actor);
            return { result: inserted!, audit: { action: 'inspection.create', entity: `inspection:${inserted!.id}`, before: null, after: inserted }, event: { type: 'inspection', row: inserted! } };
          });
          return reply.code(201).send(row);
        }
        const model = await campaigns.model(id);
        const names = namesOf(model);
        const streetOf = (code: string) => names.community(code)?.street ?? '';
        const duplicate = async (): Promise<InspectionCreated | null> => {
          if (body.clientId === null) return null;
          const existing = await store.phoneInspectionByClientId(db, id, body.clientId, streetOf);
          return existing && { inspection: existing, cases: await store.casesOfInspection(db, id, existing.id), duplicate: true };
        };
        const already = await duplicate();
        if (already) return reply.code(200).send(already);

        const config = campaignConfig(request.campaign!);
        const settings = config.supervision;
        const unknownCategory = body.problems.find((problem) => !settings.categories.some((category) => category.id === problem.category));
        if (unknownCategory) throw new ApiError(400, 'E_CATEGORY', `未知的问题类别「${unknownCategory.category}」（可选：${settings.categories.map((category) => `${category.id} ${category.label}`).join('、')}）`);
        const community = names.community(body.community)!;
        if (body.roundId !== null) {
          const round = await store.getRound(db, id, body.roundId);
          if (!round) throw notFound(`检查轮次 ${body.roundId}`);
          if (!round.communities.includes(body.community)) throw new ApiError(400, 'E_ROUND', `社区 ${community.name} 不在检查轮次「${round.title}」中`);
        }
        const now = serverNow();
        try {
          const created = await campaigns.write(id, actor, async (tx) => {
            await store.lockCampaign(tx, id);
            const before = await q.getStatus(tx, id, body.community);
            if (body.baseVersion !== null && before && before.version !== body.baseVersion) throw conflict(before);
            const history = await store.inspectionHistory(tx, id, body.community);
            const rectified = await store.casesClosedSince(tx, id, body.community, history.lastDate);
            const outcome = inspectionOutcome(
              before,
              { code: body.community, name: community.name, date: body.date, kind: body.kind, items: body.items, note: body.note, problemsFound: body.problems.length, problemsRectified: rectified },
              history,
              config,
            );
            const photos = await store.insertPhotos(tx, id, body.photos, actor);
            const inspection: InspectionRecord = await store.insertPhoneInspection(
              tx,
              id,
              { inspection: outcome.inspection, roundId: body.roundId, kind: body.kind, items: body.items, rubric: outcome.rubric.parts, changes: outcome.changes, photos, clientId: body.clientId },
              actor,
              streetOf,
            );
            let status = before;
            if (outcome.changes.length > 0 || !before) {
              if (before) status = await q.updateStatus(tx, id, body.community, before.version, outcome.status, actor);
              else {
                await q.insertStatusRows(tx, id, [outcome.status], actor);
                status = await q.getStatus(tx, id, body.community);
              }
            }
            const cases: CaseRecord[] = [];
            let number = await store.nextCaseNumber(tx, id);
            for (const problem of body.problems) {
              const problemPhotos = await store.insertPhotos(tx, id, problem.photos, actor);
              const point = problem.lon !== null && problem.lat !== null ? [problem.lon, problem.lat] : names.labelPoint(body.community);
              const record = reportCase(
                {
                  id: String(number),
                  number,
                  community: body.community,
                  street: community.street,
                  category: problem.category,
                  note: problem.note,
                  lon: point?.[0] ?? null,
                  lat: point?.[1] ?? null,
                  photos: problemPhotos,
                  inspectionId: inspection.id,
                  roundId: body.roundId,
                },
                actor,
                now,
                settings,
              );
              await store.insertCase(tx, id, record);
              cases.push(record);
              number++;
            }
            const views = cases.map((record) => caseView(record, names, settings, now, [], null));
            const result: InspectionCreated = { inspection, cases: cases.map((record) => ({ id: record.id, number: record.number })) };
            return {
              result,
              audit: { action: 'inspection.create', entity: `inspection:${inspection.id}`, before: before && { status: before }, after: { inspection, status, cases: result.cases } },
              event: { type: 'inspection.created', inspection, status, cases: views },
            };
          });
          return reply.code(201).send(created);
        } catch (error) {
          // The same outbox entry sent twice at once: the second answers with the first's result.
          if (isUniqueViolation(error)) {
            const again = await duplicate();
            if (again) return reply.code(200).send(again);
          }
          throw error;
        }
      },
    );

    app.get<{ Params: { id: string; inspectionId: string } }>(
      '/api/campaigns/:id/inspections/:inspectionId',
      { config: { access: { permission: 'campaign.read', campaign: true } } },
      async (request) => {
        const { id, inspectionId } = request.params;
        const names = namesOf(await campaigns.model(id));
        const inspection = await store.getPhoneInspection(db, id, inspectionId, (code) => names.community(code)?.street ?? '');
        if (!inspection) throw notFound(`检查记录 ${inspectionId}`);
        return { inspection, cases: await store.casesOfInspection(db, id, inspectionId) };
      },
    );
  };
}
