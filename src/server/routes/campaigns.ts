/**
 * Reading a campaign: the list, its files (for the SPA's own ingest), status rows, plan,
 * scenarios, inspections, problems, the analysis and lagging documents (the CLI's JSON), the
 * live event stream, the audit log (admin) and the project-file export.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CampaignEvent, CampaignSummary } from '../../api/index.ts';
import type { AppServices } from '../services.ts';
import * as q from '../db/queries.ts';
import { notFound } from '../errors.ts';
import { PUBLIC_PERMISSIONS } from '../auth/permissions.ts';
import type { snapshotSources } from '../campaign/dataset.ts';
import { campaignProjectFile } from '../campaign/export.ts';
import type { ServedDocument } from '../campaign/service.ts';

type WithId = { Params: { id: string }; Querystring: { revision?: string } };

/** `?revision=N`: wait until the answer includes revision N (e.g. the one of a live event); default: the newest ready answer. */
const atLeast = (request: FastifyRequest<WithId>) => {
  const value = (request.query as { revision?: string } | undefined)?.revision;
  return value !== undefined && /^\d{1,15}$/.test(value) ? { atLeast: Number(value) } : {};
};

export function campaignRoutes(services: AppServices) {
  return async (app: FastifyInstance) => {
    const read = { permission: 'campaign.read' as const, campaign: true };

    app.get('/api/campaigns', { config: { access: { permission: 'public' } } }, async (request) => {
      const all = await q.listCampaigns(services.db);
      // Signed-in users see every campaign; visitors the public-read ones.
      const visible = request.user ? all : all.filter((campaign) => campaign.publicRead && PUBLIC_PERMISSIONS.has('campaign.read'));
      return visible.map((c): CampaignSummary => ({ id: c.id, title: c.title, publicRead: c.publicRead, revision: c.revision, communities: c.communities }));
    });

    app.get<WithId>('/api/campaigns/:id', { config: { access: read } }, async (request) => {
      const model = await services.campaigns.model(request.params.id, atLeast(request));
      const sources = snapshotSourcesOf(model);
      return {
        id: model.campaign.id,
        title: model.campaign.title,
        publicRead: model.campaign.publicRead,
        revision: model.revision,
        boundaryVersion: model.boundaryVersion,
        settingsVersion: model.campaign.settingsVersion,
        plan: model.plan,
        files: sources.map((source) => ({ role: source.role, file: source.file, url: `/api/campaigns/${encodeURIComponent(model.campaign.id)}/files/${source.role}?revision=${model.revision}` })),
        warnings: model.warnings,
      };
    });

    // The campaign's files as the core reads them: the SPA feeds them to its worker like the embedded demo.
    app.get<{ Params: { id: string; role: string }; Querystring: { revision?: string } }>('/api/campaigns/:id/files/:role', { config: { access: read } }, async (request, reply) => {
      const model = await services.campaigns.model(request.params.id, atLeast(request as unknown as FastifyRequest<WithId>));
      const source = snapshotSourcesOf(model).find((candidate) => candidate.role === request.params.role);
      if (!source) throw notFound(`文件 ${request.params.role}`);
      reply.header('content-type', source.file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      return reply.send(source.text);
    });

    app.get<WithId>('/api/campaigns/:id/communities', { config: { access: read } }, async (request) => q.listStatus(services.db, request.params.id));

    app.get<{ Params: { id: string; code: string } }>('/api/campaigns/:id/communities/:code', { config: { access: read } }, async (request) => {
      const row = await q.getStatus(services.db, request.params.id, request.params.code);
      if (!row) throw notFound(`社区 ${request.params.code} 的状态记录`);
      return row;
    });

    app.get<WithId>('/api/campaigns/:id/plan', { config: { access: read } }, async (request) => (await q.getPlan(services.db, request.params.id)) ?? { codes: null, version: 0, updatedBy: '', updatedAt: new Date(0).toISOString() });
    app.get<WithId>('/api/campaigns/:id/scenarios', { config: { access: read } }, async (request) => q.listScenarios(services.db, request.params.id));
    app.get<WithId>('/api/campaigns/:id/inspections', { config: { access: read } }, async (request) => q.listInspections(services.db, request.params.id));
    app.get<WithId>('/api/campaigns/:id/problems', { config: { access: read } }, async (request) => q.listProblems(services.db, request.params.id));

    const document = (which: 'analysis' | 'lagging') => async (request: FastifyRequest<WithId>, reply: FastifyReply) => {
      const model = await services.campaigns.model(request.params.id, atLeast(request));
      return sendDocument(request, reply, model.documents[which], model.revision);
    };
    // The same JSON as `lianpian analyze --format json` and `lianpian report --format json` on the campaign's files.
    app.get<WithId>('/api/campaigns/:id/analysis', { config: { access: read } }, document('analysis'));
    app.get<WithId>('/api/campaigns/:id/lagging', { config: { access: read } }, document('lagging'));

    app.get<WithId>('/api/campaigns/:id/events', { config: { access: read } }, async (request, reply) => {
      const id = request.params.id;
      // A reconnecting EventSource sends the id of the last event it saw (the revision); ?since=N does the same.
      const lastSeen = request.headers['last-event-id'] ?? (request.query as { since?: string }).since;
      const since = typeof lastSeen === 'string' && /^\d{1,15}$/.test(lastSeen.trim()) ? Number(lastSeen.trim()) : null;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      let sent = since ?? 0;
      const send = (event: CampaignEvent) => {
        if (event.revision <= sent) return;
        sent = event.revision;
        raw.write(`id: ${event.revision}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`);
      };
      // Live events wait while the missed ones are read, then follow them (none twice, in order).
      let queue: CampaignEvent[] | null = since === null ? null : [];
      const unsubscribe = services.bus.subscribe(id, (event) => (queue ? queue.push(event) : send(event)));
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 25_000);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.raw.on('close', end);
      raw.on('error', end);
      raw.write(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ revision: request.campaign!.revision })}\n\n`);
      if (since === null) return;
      const missed = await services.campaigns.eventsSince(id, since).catch(() => null);
      if (missed) missed.forEach(send);
      else {
        // Not replayable (pruned, or an id from another history): the client reloads the campaign, then follows the live events.
        raw.write(`event: reset\ndata: ${JSON.stringify({ revision: request.campaign!.revision, since })}\n\n`);
        sent = Math.min(sent, request.campaign!.revision);
      }
      const waiting = queue ?? [];
      queue = null;
      waiting.forEach(send);
    });

    app.get<{ Params: { id: string }; Querystring: { limit?: string; before?: string; format?: string } }>(
      '/api/campaigns/:id/audit',
      { config: { access: { permission: 'audit.read', campaign: true } } },
      async (request, reply) => {
        const limit = Math.min(Math.max(Number(request.query.limit) || 200, 1), 10_000);
        const before = request.query.before !== undefined && /^\d+$/.test(request.query.before) ? Number(request.query.before) : null;
        const events = await q.listAudit(services.db, request.params.id, limit, before);
        if (request.query.format === 'ndjson') {
          reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="audit-${request.params.id}.ndjson"`);
          return reply.send(events.map((event) => JSON.stringify(event)).join('\n') + '\n');
        }
        return events;
      },
    );

    app.get<WithId>('/api/campaigns/:id/export', { config: { access: { permission: 'campaign.export', campaign: true } } }, async (request, reply) => {
      const model = await services.campaigns.model(request.params.id, { atLeast: request.campaign!.revision });
      const scenarios = await q.listScenarios(services.db, request.params.id);
      const bytes = campaignProjectFile(snapshotSourcesOf(model), model.plan?.codes ?? null, scenarios, new Date().toISOString());
      reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${encodeURIComponent(model.campaign.id)}.lianpian.zip"`);
      return reply.send(Buffer.from(bytes));
    });
  };
}

/**
 * Sends a precomputed document: 304 when If-None-Match names its ETag, else the bytes in the
 * best encoding the client accepts (brotli, gzip, none). No work per request but the choice.
 */
export function sendDocument(request: FastifyRequest, reply: FastifyReply, document: ServedDocument, revision: number): FastifyReply {
  reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('x-lianpian-revision', String(revision))
    .header('etag', document.etag)
    .header('cache-control', 'no-cache')
    .header('vary', 'accept-encoding');
  if (etagMatches(request.headers['if-none-match'], document.etag)) return reply.code(304).send();
  const encoding = preferredEncoding(request.headers['accept-encoding']);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.send(document[encoding]);
}

/** Whether an If-None-Match header names `etag` (or is `*`); weak comparison, as for GET. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === bare;
  });
}

type Encoding = 'br' | 'gzip' | 'identity';
/** Answers per Accept-Encoding header: browsers send a handful of distinct ones, each parsed once. */
const encodingOfHeader = new Map<string, Encoding>();

/** The encoding to answer in from an Accept-Encoding header: br, then gzip, else identity (q=0 excludes). */
export function preferredEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  let encoding = encodingOfHeader.get(header);
  if (encoding === undefined) {
    encoding = parseAcceptEncoding(header);
    if (encodingOfHeader.size >= 256) encodingOfHeader.clear();
    encodingOfHeader.set(header, encoding);
  }
  return encoding;
}

function parseAcceptEncoding(header: string): Encoding {
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    accepted.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

function snapshotSourcesOf(model: { sources: ReturnType<typeof snapshotSources> }): ReturnType<typeof snapshotSources> {
  return model.sources;
}
