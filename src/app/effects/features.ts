/**
 * The campaign features effect 工程与路线 (issue 21): reads the campaign's landscape routes, road
 * works, service centres and project sites (GET …/features, and the projects they may link to),
 * applies the live `feature.changed` events the remote effect hands it (the features only: the
 * dataset is not read again), and sends the user's drawings, edits, deletions and imports. The
 * server is the authority: a write outside the account's scope is a 403, a stale version a 409 (the
 * dialog shows both versions), a bad feature a 400 naming each feature and field, and its Chinese
 * message is what the user reads. The role table refuses early what the server would refuse.
 * Loaded in 服务器模式 only.
 *
 * Network access goes through the `fetch` given, so tests run it against a fake server.
 */
import type { CampaignFeatureCollection, ImportFeaturesResponse } from '../../api/index.ts';
import type { CampaignFeature, CampaignFeatureDraft } from '../../core/index.ts';
import {
  conflictClosed,
  featureConflict,
  featuresChanged,
  featuresFailed,
  featuresLoaded,
  featuresLoading,
  featuresNotice,
  featuresUnavailable,
  draftClosed,
  mayDrawFeatureFor,
  patchOf,
  type FeatureAccess,
  type FeatureDraft,
  type FeatureProject,
  type FeaturesState,
} from '../../state/features.ts';
import type { CommunityRef } from '../../state/permissions.ts';
import type { AppStore } from '../../state/store.ts';
import { callApi, campaignPath, type Answer, type Fetch } from './server-api.ts';
import { dispatchFeatures, type FeaturesStore } from '../../state/features-store.ts';

export interface FeaturesFlow {
  /** Reads the features (and the linkable projects) again. */
  reload(): Promise<void>;
  /** A `feature.changed` live event (the remote effect's): the features it names replace or leave the held ones. */
  changed(features: readonly CampaignFeature[], deleted: readonly string[]): void;
  /** Sends the form's feature: POST for a new one, PATCH (with its version) for an edit; the answered feature replaces the held one. */
  save(draft: FeatureDraft): Promise<Answer<CampaignFeature>>;
  /** Deletes held feature `id` at the version held (a 409 opens the dialog). */
  remove(id: string): Promise<Answer<null>>;
  /** Saves validated features (an import) in one POST: all or nothing. */
  importFeatures(features: readonly CampaignFeatureDraft[]): Promise<Answer<ImportFeaturesResponse>>;
  /** The user's choice in the 409 dialog: send mine again on the server's version, or keep theirs. */
  resolveConflict(choice: 'mine' | 'theirs'): Promise<void>;
  dispose(): void;
}

export interface FeaturesOptions {
  fetch: Fetch;
}

const forbidden = (message: string): Answer<never> => ({ ok: false, status: 403, error: { code: 'E_FORBIDDEN', message } });

/** Connects the features store to the campaign server of `app` (its open campaign, its signed-in user). */
export function connectFeatures(features: FeaturesStore, app: AppStore, { fetch }: FeaturesOptions): FeaturesFlow {
  const dispatch = <A extends unknown[]>(updater: (state: FeaturesState, ...args: A) => Partial<FeaturesState>, ...args: A) => dispatchFeatures(features, updater, ...args);
  const campaignId = () => app.getState().server.campaign?.id ?? null;
  const base = () => campaignPath(campaignId() ?? '');
  const access = (): FeatureAccess => ({ server: app.getState().server, readOnly: app.getState().readOnly });
  /** The community as the role table's scope sees it (a code not in the data is in no scope). */
  const communityRef = (code: string | null): CommunityRef | null => {
    if (code === null) return null;
    const feature = app.getState().data?.dataset.boundaries.features.find((item) => item.id === code);
    return { code, streetCode: feature?.streetCode ?? '' };
  };
  let disposed = false;
  let generation = 0;

  const reload = async () => {
    const id = campaignId();
    if (!id || disposed) return;
    const mine = ++generation;
    dispatch(featuresLoading);
    const [list, projects] = await Promise.all([
      callApi<CampaignFeatureCollection>(fetch, 'GET', `${campaignPath(id)}/features`),
      callApi<{ projects: FeatureProject[] }>(fetch, 'GET', `${campaignPath(id)}/projects`),
    ]);
    if (disposed || mine !== generation) return;
    // A server without the features API answers its route-not-found 404: the layer is left out.
    if (!list.ok && list.status === 404 && (list.error.code.startsWith('E_HTTP') || list.error.message.startsWith('找不到 GET '))) return dispatch(featuresUnavailable);
    if (!list.ok) return dispatch(featuresFailed, list.error.message);
    dispatch(featuresLoaded, list.value.features, projects.ok ? projects.value.projects : []);
  };

  /** Refuses early what the server would refuse: no right to draw, or a community outside the account's scope. */
  const refusal = (community: string | null, name: string): string | null => {
    if (mayDrawFeatureFor(access(), communityRef(community))) return null;
    return community === null ? `要素「${name}」未指明所属社区：您的账号只能为本街道的社区绘制要素` : '您的角色或范围不允许为该社区绘制要素';
  };

  const settle = (answer: Answer<CampaignFeature>, draft: FeatureDraft, action: 'update' | 'delete') => {
    if (disposed) return;
    if (answer.ok) {
      dispatch(featuresChanged, [answer.value]);
      dispatch(draftClosed);
      dispatch(featuresNotice, null);
    } else if (answer.status === 409 && answer.error.current) {
      dispatch(featureConflict, { action, mine: draft, theirs: answer.error.current as CampaignFeature });
    } else {
      dispatch(featuresNotice, `未保存：${answer.error.message}`);
    }
  };

  const save = async (draft: FeatureDraft): Promise<Answer<CampaignFeature>> => {
    const refused = refusal(draft.community, draft.name) ?? (draft.id ? refusal(heldOf(draft.id)?.properties.community ?? null, draft.name) : null);
    if (refused) {
      dispatch(featuresNotice, `未保存：${refused}`);
      return forbidden(refused);
    }
    const answer =
      draft.id === null
        ? await callApi<CampaignFeature>(fetch, 'POST', `${base()}/features`, {
            type: 'Feature',
            geometry: draft.geometry,
            properties: { kind: draft.kind, name: draft.name, community: draft.community, project: draft.project },
          })
        : await callApi<CampaignFeature>(fetch, 'PATCH', `${base()}/features/${encodeURIComponent(draft.id)}`, patchOf(draft, heldOf(draft.id)));
    settle(answer, draft, 'update');
    return answer;
  };

  const heldOf = (id: string) => features.getState().features.find((feature) => feature.properties.id === id);

  const remove = async (id: string, version?: number): Promise<Answer<null>> => {
    const held = heldOf(id);
    if (!held) return { ok: false, status: 404, error: { code: 'E_NOT_FOUND', message: `找不到要素 ${id}` } };
    const refused = refusal(held.properties.community, held.properties.name);
    if (refused) {
      dispatch(featuresNotice, `未删除：${refused}`);
      return forbidden(refused);
    }
    const answer = await callApi<null>(fetch, 'DELETE', `${base()}/features/${encodeURIComponent(id)}?version=${version ?? held.properties.version}`);
    if (disposed) return answer;
    // 204 No Content: callApi reads no JSON body, so the success comes back by its status.
    if (answer.ok || answer.status === 204) {
      dispatch(featuresChanged, [], [id]);
      dispatch(featuresNotice, null);
      return { ok: true, value: null };
    }
    if (answer.status === 409 && answer.error.current) {
      const { kind, name, community, project } = held.properties;
      dispatch(featureConflict, { action: 'delete', mine: { kind, name, community, project, geometry: held.geometry, id, version: held.properties.version }, theirs: answer.error.current as CampaignFeature });
    } else dispatch(featuresNotice, `未删除：${answer.error.message}`);
    return answer;
  };

  let me = app.getState().server.me;
  let campaign = campaignId();
  const unsubscribe = app.subscribe((state) => {
    if (state.server.me === me && state.server.campaign?.id === campaign) return;
    me = state.server.me;
    campaign = state.server.campaign?.id ?? null;
    void reload();
  });
  void reload();

  return {
    reload,
    changed(changed, deleted) {
      if (!disposed) dispatch(featuresChanged, changed, deleted);
    },
    save,
    remove: (id) => remove(id),
    async importFeatures(drafts) {
      for (const [index, draft] of drafts.entries()) {
        const refused = refusal(draft.properties.community, draft.properties.name);
        if (refused) {
          const message = `第 ${index + 1} 个要素（${draft.properties.name}）：${refused}`;
          dispatch(featuresNotice, `未导入：${message}`);
          return forbidden(message);
        }
      }
      const answer = await callApi<ImportFeaturesResponse>(fetch, 'POST', `${base()}/features`, { type: 'FeatureCollection', features: drafts });
      if (disposed) return answer;
      if (answer.ok) {
        dispatch(featuresChanged, answer.value.features);
        dispatch(featuresNotice, null);
      } else dispatch(featuresNotice, `未导入：${answer.error.message}`);
      return answer;
    },
    async resolveConflict(choice) {
      const conflict = features.getState().conflict;
      if (!conflict) return;
      dispatch(conflictClosed);
      if (choice === 'theirs') return;
      // Mine: the same edit (or deletion) again, on the version the server holds now.
      if (conflict.action === 'delete') await remove(conflict.mine.id!, conflict.theirs.properties.version);
      else await save({ ...conflict.mine, version: conflict.theirs.properties.version });
    },
    dispose() {
      disposed = true;
      unsubscribe();
    },
  };
}
