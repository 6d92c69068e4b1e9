/**
 * Campaign features on the map (issue 21): landscape routes, road works, service centres and
 * project sites as GeoJSON. GET is public-read like the other GETs; POST (one Feature, or a
 * FeatureCollection as an import), PATCH and DELETE need `works.write`, and a street account only
 * for communities of its street. Bodies go through the core's validateCampaignFeatures (one rule
 * set; 400 E_FEATURES naming each feature and field). Each write is one transaction with its audit
 * event (before → after) and a `feature.changed` live event; a stale version is 409 E_STALE with
 * the feature as stored.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { FEATURES_BODY_LIMIT, deleteFeatureQuerySchema, patchFeatureBodySchema, type CampaignFeatureCollection, type FeatureIssue, type ImportFeaturesResponse } from '../../api/index.ts';
import { validateCampaignFeatures, type CampaignFeature, type CampaignFeatureDraft } from '../../core/index.ts';
import { isAllowed } from '../auth/permissions.ts';
import type { Queryable } from '../db/connection.ts';
import type { UserRecord } from '../db/queries.ts';
import type { AppServices } from '../services.ts';
import * as store from '../campaign/features-store.ts';
import * as works from '../campaign/works-store.ts';
import { lockCampaign } from '../campaign/supervision-store.ts';
import { serverNow } from '../campaign/supervision.ts';
import { ApiError, notFound } from '../errors.ts';

type FeatureParams = { Params: { id: string; fid: string } };
type Communities = Awaited<ReturnType<AppServices['campaigns']['communities']>>;

/** 400 with every problem the core found. */
const invalid = (errors: FeatureIssue[]) =>
  new ApiError(400, 'E_FEATURES', `要素不符合要求（${errors.length} 处）：${errors[0]!.message}${errors.length > 1 ? ' 等' : ''}`, { errors });

const stale = (current: CampaignFeature) => new ApiError(409, 'E_STALE', `要素「${current.properties.name}」已被他人修改（当前第 ${current.properties.version} 版）：请查看当前版本后再决定`, { current });

export function featureRoutes(services: AppServices) {
  const { campaigns, db } = services;
  const read = { permission: 'campaign.read' as const, campaign: true };
  const write = { permission: 'works.write' as const, campaign: true, scopeInRoute: true };

  /** The project ids the core checks a feature's `project` against. */
  const projectIds = async (campaignId: string, tx: Queryable) => new Set((await works.listProjects(tx, campaignId)).map((project) => project.id));

  /** 403 unless `user` may draw for every community named (a feature without community needs a reach over everything). */
  const checkScope = (user: UserRecord, communities: Communities, features: { index: number; community: string | null; name: string }[]) => {
    for (const { index, community, name } of features) {
      const place = community === null ? undefined : communities.get(community);
      if (isAllowed(user, 'works.write', place ? { community: place } : {})) continue;
      const which = features.length > 1 ? `第 ${index + 1} 个要素（${name}）` : `要素「${name}」`;
      throw new ApiError(403, 'E_FORBIDDEN', place ? `您的范围不包括${place.name}：不能为它绘制${which}` : `${which}未指明所属社区：您的账号只能为本街道的社区绘制要素`);
    }
  };

  const held = async (campaignId: string, fid: string, tx: Queryable, lock = false) => {
    const feature = await store.getFeature(tx, campaignId, fid, lock);
    if (!feature) throw notFound(`要素 ${fid}`);
    return feature;
  };

  return async (app: FastifyInstance) => {
    app.get<{ Params: { id: string } }>('/api/campaigns/:id/features', { config: { access: read } }, async (request): Promise<CampaignFeatureCollection> => ({
      type: 'FeatureCollection',
      features: await store.listFeatures(db, request.params.id),
    }));

    app.post<{ Params: { id: string }; Body: unknown }>('/api/campaigns/:id/features', { bodyLimit: FEATURES_BODY_LIMIT, config: { access: write } }, async (request, reply) => {
      const { id } = request.params;
      const user = request.user!;
      // Read before the transaction (on PGlite a read outside it would wait for it to end).
      const communities = await campaigns.communities(id);
      const stored = await campaigns.write(id, user.username, async (tx) => {
        // The campaign row first: the count of features (the campaign's limit) holds until commit.
        await lockCampaign(tx, id);
        const result = validateCampaignFeatures(request.body, { communities: new Set(communities.keys()), projects: await projectIds(id, tx), existing: await store.countFeatures(tx, id) });
        if (!result.ok) throw invalid(result.errors);
        checkScope(user, communities, result.features.map((feature, index) => ({ index, community: feature.properties.community, name: feature.properties.name })));
        const at = serverNow().toISOString();
        const features: CampaignFeature[] = [];
        for (const draft of result.features) features.push(await store.insertFeature(tx, id, randomUUID(), draft, user.username, at));
        const single = !result.collection;
        return {
          result: { single, features },
          audit: single
            ? { action: 'feature.create', entity: `feature:${features[0]!.properties.id}`, before: null, after: features[0] }
            : { action: 'feature.import', entity: 'features', before: null, after: { count: features.length, features } },
          event: { type: 'feature.changed', features, deleted: [] },
        };
      });
      return reply.code(201).send(stored.single ? stored.features[0] : ({ features: stored.features } satisfies ImportFeaturesResponse));
    });

    app.patch<FeatureParams & { Body: z.output<typeof patchFeatureBodySchema> }>(
      '/api/campaigns/:id/features/:fid',
      { bodyLimit: FEATURES_BODY_LIMIT, schema: { body: patchFeatureBodySchema }, config: { access: write } },
      async (request) => {
        const { id, fid } = request.params;
        const user = request.user!;
        const body = request.body;
        const communities = await campaigns.communities(id);
        return campaigns.write(id, user.username, async (tx) => {
          const before = await held(id, fid, tx, true);
          checkScope(user, communities, [{ index: 0, community: before.properties.community, name: before.properties.name }]);
          if (body.version !== before.properties.version) throw stale(before);
          // The stored feature with the given fields replaced, checked as a whole by the core.
          const merged = {
            type: 'Feature',
            geometry: body.geometry !== undefined ? body.geometry : before.geometry,
            properties: {
              kind: body.kind !== undefined ? body.kind : before.properties.kind,
              name: body.name !== undefined ? body.name : before.properties.name,
              community: body.community !== undefined ? body.community : before.properties.community,
              project: body.project !== undefined ? body.project : before.properties.project,
            },
          };
          const result = validateCampaignFeatures(merged, { communities: new Set(communities.keys()), projects: await projectIds(id, tx), existing: 0, maxFeatures: 1 });
          if (!result.ok) throw invalid(result.errors);
          const draft: CampaignFeatureDraft = result.features[0]!;
          checkScope(user, communities, [{ index: 0, community: draft.properties.community, name: draft.properties.name }]);
          const after = await store.updateFeature(tx, id, fid, before.properties.version, draft, user.username, serverNow().toISOString());
          if (!after) throw stale(await held(id, fid, tx));
          return {
            result: after,
            audit: { action: 'feature.update', entity: `feature:${fid}`, before, after },
            event: { type: 'feature.changed', features: [after], deleted: [] },
          };
        });
      },
    );

    app.delete<FeatureParams & { Querystring: z.output<typeof deleteFeatureQuerySchema> }>(
      '/api/campaigns/:id/features/:fid',
      { schema: { querystring: deleteFeatureQuerySchema }, config: { access: write } },
      async (request, reply) => {
        const { id, fid } = request.params;
        const user = request.user!;
        const communities = await campaigns.communities(id);
        await campaigns.write(id, user.username, async (tx) => {
          const before = await held(id, fid, tx, true);
          checkScope(user, communities, [{ index: 0, community: before.properties.community, name: before.properties.name }]);
          if (request.query.version !== before.properties.version) throw stale(before);
          if (!(await store.deleteFeature(tx, id, fid, before.properties.version))) throw stale(await held(id, fid, tx));
          return {
            result: null,
            audit: { action: 'feature.delete', entity: `feature:${fid}`, before, after: null },
            event: { type: 'feature.changed', features: [], deleted: [fid] },
          };
        });
        return reply.code(204).send();
      },
    );
  };
}
