/**
 * Cases 问题 (issue 20): the list and one case with its colour and timeline, transitions through
 * the core's state machine (403 for a role or scope that may not, 409 for a state that does not
 * allow it), the 抄告单 of a case referred to a department (list and A4 PDF), photos, and what the
 * forms need. A department account sees only the cases and slips referred to it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  PHOTO_BODY_LIMIT,
  caseQuerySchema,
  transitionBodySchema,
  type CaseView,
  type SupervisionInfo,
  type TransitionBody,
} from '../../api/index.ts';
import { applyTransition, chinaDay, referralSlip, referralYear, type CaseRecord, type TransitionErrorCode } from '../../core/index.ts';
import type { AppServices } from '../services.ts';
import type { Queryable } from '../db/connection.ts';
import * as store from '../campaign/supervision-store.ts';
import { actorOf, caseView, currentReferral, departmentsOf, namesOf, referralRow, serverNow, supervisionSettings } from '../campaign/supervision.ts';
import { referralSlipPdf } from '../campaign/supervision-pdf.ts';
import { ApiError, notFound } from '../errors.ts';
import type { z } from 'zod';

const STATUS_OF: Record<TransitionErrorCode, number> = { E_FORBIDDEN: 403, E_STATE: 409, E_INPUT: 400 };

type CaseParams = { Params: { id: string; caseId: string } };

export function caseRoutes(services: AppServices) {
  const { campaigns, db } = services;
  const read = { permission: 'campaign.read' as const, campaign: true };

  /** The case of the path, or 404 (also for a department account's view of a case not referred to it). */
  const visibleCase = async (request: FastifyRequest<CaseParams>, lock = false, tx: Queryable = db): Promise<CaseRecord> => {
    const record = await store.getCase(tx, request.params.id, request.params.caseId, lock);
    const departments = departmentsOf(request.user);
    if (!record || (departments && !(record.unit.kind === 'department' && departments.includes(record.unit.id)))) throw notFound(`问题 ${request.params.caseId}`);
    return record;
  };

  const context = async (id: string) => {
    const model = await campaigns.model(id);
    return { names: namesOf(model), settings: supervisionSettings(await campaigns.campaign(id)), now: serverNow() };
  };

  return async (app: FastifyInstance) => {
    app.get<{ Params: { id: string } }>('/api/campaigns/:id/supervision', { config: { access: read } }, async (request): Promise<SupervisionInfo> => {
      const settings = supervisionSettings(request.campaign!);
      const now = serverNow();
      return {
        now: now.toISOString(),
        today: chinaDay(now),
        categories: settings.categories,
        departments: settings.departments,
        deadlineWorkingDays: settings.deadlineWorkingDays,
        colours: settings.colours,
      };
    });

    app.get<{ Params: { id: string }; Querystring: z.infer<typeof caseQuerySchema> }>(
      '/api/campaigns/:id/cases',
      { schema: { querystring: caseQuerySchema }, config: { access: read } },
      async (request) => {
        const { id } = request.params;
        const query = request.query;
        const [unitKind, unitId] = query.unit === undefined ? [undefined, undefined] : query.unit.includes(':') ? query.unit.split(':', 2) : [undefined, query.unit];
        const records = await store.listCases(db, id, {
          state: query.state,
          unitKind,
          unitId,
          community: query.community,
          category: query.category,
          round: query.round,
          departments: departmentsOf(request.user) ?? undefined,
        });
        const { names, settings, now } = await context(id);
        const referrals = await store.listReferrals(db, id);
        const viewer = request.user ? actorOf(request.user) : null;
        const cases = records.map((record) => caseView(record, names, settings, now, referrals, viewer)).filter((view) => query.colour === undefined || (view.colour ?? 'none') === query.colour);
        return { cases, now: now.toISOString() };
      },
    );

    app.get<CaseParams>('/api/campaigns/:id/cases/:caseId', { config: { access: read } }, async (request): Promise<CaseView> => {
      const record = await visibleCase(request);
      const { names, settings, now } = await context(request.params.id);
      return caseView(record, names, settings, now, await store.listReferrals(db, request.params.id), request.user ? actorOf(request.user) : null);
    });

    app.post<CaseParams & { Body: z.output<typeof transitionBodySchema> }>(
      '/api/campaigns/:id/cases/:caseId/transitions',
      { bodyLimit: PHOTO_BODY_LIMIT, schema: { body: transitionBodySchema }, config: { access: { permission: 'case.transition', campaign: true } } },
      async (request) => {
        const { id } = request.params;
        const user = request.user!;
        const body: TransitionBody = request.body;
        const { names, settings, now } = await context(id);
        await visibleCase(request);
        return campaigns.write(id, user.username, async (tx) => {
          await store.lockCampaign(tx, id);
          const before = await visibleCase(request, true, tx);
          const photos = await store.insertPhotos(tx, id, body.photos ?? [], user.username);
          const result = applyTransition(before, { to: body.to, note: body.note, unit: body.unit, deadline: body.deadline, photos }, actorOf(user), now, settings);
          if (!result.ok) throw new ApiError(STATUS_OF[result.error.code], result.error.code, result.error.message);
          const after = result.case;
          await store.updateCase(tx, id, after);
          const referrals = await store.listReferrals(tx, id);
          if (body.to === 'assigned' && after.unit.kind === 'department' && !currentReferral(after, referrals)) {
            referrals.push(await store.insertReferral(tx, id, referralYear(result.event.at, settings), after.number, after.unit.id, result.event.at));
          }
          const view = caseView(after, names, settings, now, referrals, null);
          const { history: _before, ...beforeFields } = before;
          const { history: _after, ...afterFields } = after;
          return {
            result: { ...view, allowed: caseView(after, names, settings, now, referrals, actorOf(user)).allowed },
            audit: { action: `case.${body.to}`, entity: `case:${after.number}`, before: beforeFields, after: { ...afterFields, event: result.event } },
            event: { type: 'case.changed', case: view },
          };
        });
      },
    );

    app.get<{ Params: { id: string } }>('/api/campaigns/:id/referrals', { config: { access: { permission: 'referral.read', campaign: true } } }, async (request) => {
      const { id } = request.params;
      const referrals = await store.listReferrals(db, id, departmentsOf(request.user));
      const records = new Map((await store.listCases(db, id, { numbers: [...new Set(referrals.map((referral) => referral.caseNumber))] })).map((record) => [record.number, record]));
      const { names, settings, now } = await context(id);
      return { referrals: referrals.filter((referral) => records.has(referral.caseNumber)).map((referral) => referralRow(referral, records.get(referral.caseNumber)!, names, settings, now)) };
    });

    app.get<CaseParams>('/api/campaigns/:id/cases/:caseId/referral.pdf', { config: { access: { permission: 'referral.read', campaign: true } } }, async (request, reply) => {
      const record = await visibleCase(request);
      const referral = currentReferral(record, await store.listReferrals(db, request.params.id));
      if (!referral) throw new ApiError(404, 'E_NOT_FOUND', `问题第 ${record.number} 号没有交办给市属部门，没有抄告单`);
      const { names, settings } = await context(request.params.id);
      const community = names.community(record.community);
      const slip = referralSlip(
        record,
        referral.serial,
        referral.issuedAt,
        { community: community?.name ?? record.community, street: names.streetName(record.street), category: names.category(record.category), department: names.unit(record.unit) },
        { ...settings, referral: { ...settings.referral, year: referral.year } },
      );
      reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="referral-${record.number}.pdf"`);
      return reply.send(Buffer.from(referralSlipPdf(slip)));
    });

    app.get<{ Params: { id: string; photoId: string } }>('/api/campaigns/:id/photos/:photoId', { config: { access: read } }, async (request, reply) => {
      const photo = await store.getPhoto(db, request.params.id, request.params.photoId);
      if (!photo) throw notFound(`照片 ${request.params.photoId}`);
      reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=31536000, immutable');
      return reply.send(photo.data);
    });
  };
}
