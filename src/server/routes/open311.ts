/**
 * Open311 GeoReport v2 for cases (issue 20), so existing Open311 clients can read and report:
 * `GET /open311/v2/services.json` (the campaign's problem categories), `GET|POST
 * /open311/v2/requests.json` and `GET /open311/v2/requests/:id.json`. `jurisdiction_id` names the
 * campaign (default: the only campaign). Reading follows the campaign's read rule (public-read or
 * signed in; a department account sees its own cases); reporting needs a signed-in account that
 * may record inspections or report problems in the community, named by `address_id` (its code).
 * Request bodies may be form-encoded, as the standard has them, or JSON.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CASE_COLOUR_LABELS, CASE_STATE_LABELS, reportCase, type CaseRecord } from '../../core/index.ts';
import type { AppServices } from '../services.ts';
import { isAllowed } from '../auth/permissions.ts';
import * as q from '../db/queries.ts';
import * as store from '../campaign/supervision-store.ts';
import { caseView, departmentsOf, namesOf, serverNow, supervisionSettings, type Names } from '../campaign/supervision.ts';
import { ApiError, forbidden, notFound, unauthorized } from '../errors.ts';

/** One service request as GeoReport v2 has it. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  /** The deadline's end (23:59:59 China time), null before 交办. */
  expected_datetime: string | null;
  address: string;
  address_id: string;
  zipcode: string;
  lat: number | null;
  long: number | null;
  media_url: string;
}

type Query = Record<string, string | undefined>;

export function open311Routes(services: AppServices) {
  const { campaigns, db } = services;

  /** The campaign named by jurisdiction_id (or the only one), readable by the caller. */
  const jurisdiction = async (request: FastifyRequest, id: string | undefined) => {
    let campaignId = id;
    if (!campaignId) {
      const all = await q.listCampaigns(db);
      if (all.length !== 1) throw new ApiError(400, 'E_JURISDICTION', `请用 jurisdiction_id 指明活动（可选：${all.map((campaign) => campaign.id).join('、')}）`);
      campaignId = all[0]!.id;
    }
    const campaign = await campaigns.campaign(campaignId);
    if (!request.user && !campaign.publicRead) throw unauthorized();
    return campaign;
  };

  const toOpen311 = (campaignId: string, record: CaseRecord, names: Names, now: Date, settings: ReturnType<typeof supervisionSettings>): Open311Request => {
    const view = caseView(record, names, settings, now, [], null);
    const last = record.history.at(-1);
    return {
      service_request_id: record.id,
      status: record.state === 'closed' ? 'closed' : 'open',
      status_notes: `${CASE_STATE_LABELS[record.state]}${view.colour ? `（${CASE_COLOUR_LABELS[view.colour]}）` : ''}${last?.note ? `：${last.note}` : ''}`,
      service_name: view.categoryLabel,
      service_code: record.category,
      description: record.note,
      agency_responsible: view.unitName,
      service_notice: '',
      requested_datetime: record.reportedAt,
      updated_datetime: last?.at ?? record.reportedAt,
      expected_datetime: record.deadline ? `${record.deadline}T23:59:59+08:00` : null,
      address: `${view.streetName}${view.communityName}`,
      address_id: record.community,
      zipcode: '',
      lat: record.lat,
      long: record.lon,
      media_url: record.photos[0] ? `/api/campaigns/${encodeURIComponent(campaignId)}/photos/${record.photos[0]}` : '',
    };
  };

  const requestsOf = async (request: FastifyRequest, query: Query, only?: string) => {
    const campaign = await jurisdiction(request, query.jurisdiction_id);
    const settings = supervisionSettings(campaign);
    const names = namesOf(await campaigns.model(campaign.id));
    const now = serverNow();
    const ids = only !== undefined ? [only] : query.service_request_id?.split(',').map((id) => id.trim());
    if (ids && ids.some((id) => !/^\d{1,9}$/.test(id))) throw notFound(`服务请求 ${ids.join(',')}`);
    const records = await store.listCases(db, campaign.id, { category: query.service_code, departments: departmentsOf(request.user) ?? undefined, numbers: ids?.map(Number) });
    return records
      .filter((record) => query.status === undefined || (query.status === 'closed') === (record.state === 'closed'))
      .filter((record) => (query.start_date === undefined || record.reportedAt >= new Date(query.start_date).toISOString()) && (query.end_date === undefined || record.reportedAt <= new Date(query.end_date).toISOString()))
      .map((record) => toOpen311(campaign.id, record, names, now, settings));
  };

  return async (app: FastifyInstance) => {
    // GeoReport v2 clients post form-encoded bodies (this parser is scoped to these routes).
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const access = { access: { permission: 'public' as const } };

    app.get<{ Querystring: Query }>('/open311/v2/services.json', { config: access }, async (request) => {
      const campaign = await jurisdiction(request, request.query.jurisdiction_id);
      const settings = supervisionSettings(campaign);
      return settings.categories.map((category) => ({
        service_code: category.id,
        service_name: category.label,
        description: `${category.label}：${category.department === null ? '交所在街道整改' : `交${settings.departments.find((department) => department.id === category.department)?.name ?? category.department}整改`}`,
        metadata: false,
        type: 'realtime',
        keywords: '',
        group: category.department === null ? '街道' : '市属部门',
      }));
    });

    app.get<{ Querystring: Query }>('/open311/v2/requests.json', { config: access }, async (request) => requestsOf(request, request.query));

    app.get<{ Params: { rid: string }; Querystring: Query }>('/open311/v2/requests/:rid', { config: access }, async (request) => {
      const match = /^(\d{1,9})\.json$/.exec(request.params.rid);
      if (!match) throw notFound(`服务请求 ${request.params.rid}`);
      const found = await requestsOf(request, request.query, match[1]);
      if (found.length === 0) throw notFound(`服务请求 ${match[1]}`);
      return found;
    });

    app.post<{ Body: Query | undefined }>('/open311/v2/requests.json', { config: { access: { permission: 'signed-in' as const } } }, async (request, reply) => {
      const body = (request.body ?? {}) as Query;
      const user = request.user!;
      const campaign = await jurisdiction(request, body.jurisdiction_id);
      const settings = supervisionSettings(campaign);
      const category = settings.categories.find((entry) => entry.id === body.service_code);
      if (!category) throw new ApiError(400, 'E_CATEGORY', `未知的 service_code「${body.service_code ?? ''}」（见 services.json）`);
      const code = body.address_id;
      const community = code ? await campaigns.community(campaign.id, code) : null;
      if (!community) throw new ApiError(400, 'E_VALIDATION', `请用 address_id 指明社区代码${code ? `（${code} 不存在）` : ''}`);
      const target = { community };
      if (!isAllowed(user, 'inspection.record', target) && !isAllowed(user, 'problem.report', target)) throw forbidden('在此社区上报问题');
      const lat = body.lat === undefined || body.lat === '' ? null : Number(body.lat);
      const lon = body.long === undefined || body.long === '' ? null : Number(body.long);
      if ((lat !== null && !(Math.abs(lat) <= 90)) || (lon !== null && !(Math.abs(lon) <= 180))) throw new ApiError(400, 'E_VALIDATION', 'lat / long 须为经纬度（WGS84）');
      const description = (body.description ?? '').slice(0, 2000);
      const names = namesOf(await campaigns.model(campaign.id));
      const now = serverNow();
      const created = await campaigns.write(campaign.id, user.username, async (tx) => {
        await store.lockCampaign(tx, campaign.id);
        const number = await store.nextCaseNumber(tx, campaign.id);
        const point = lat !== null && lon !== null ? [lon, lat] : names.labelPoint(community.code);
        const record = reportCase(
          { id: String(number), number, community: community.code, street: community.streetCode, category: category.id, note: description, lon: point?.[0] ?? null, lat: point?.[1] ?? null, photos: [], inspectionId: null, roundId: null },
          user.username,
          now,
          settings,
        );
        await store.insertCase(tx, campaign.id, record);
        const view = caseView(record, names, settings, now, [], null);
        return { result: record, audit: { action: 'case.report', entity: `case:${number}`, before: null, after: { ...record, via: 'open311' } }, event: { type: 'case.changed', case: view } };
      });
      return reply.code(201).send([{ service_request_id: created.id, service_notice: `已上报，问题第 ${created.number} 号`, account_id: null }]);
    });
  };
}
