/**
 * The 工程与路线 layer on the dashboard map (issue 21): hands the features' layer content to the
 * map (src/map/feature-layer.ts), opens a feature's card on a click (what it is: name, kind,
 * community, linked project), and, for an account allowed to draw (the role table's `works.write`),
 * the drawing tools: a new line or point drawn with terra-draw (loaded on the first use), then the
 * form; editing a feature's properties or shape; deleting it after a confirmation; the 409 dialog.
 * Rendered by MapView inside the map frame in 服务器模式 only.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { communityOfShape, FEATURE_KIND_LABELS, type CampaignFeature, type CampaignFeatureGeometry } from '../../core/index.ts';
import type { FeaturesFlow } from '../../app/effects/features.ts';
import { bindFeatureLayer, featureLayerContent, featureLayerData, mergeContent } from '../../map/feature-layer.ts';
import type { MapContent } from '../../map/apply-layers.ts';
import type { MapController } from '../../map/controller.ts';
import type { FeatureDrawing } from '../../map/feature-draw.ts';
import {
  draftChanged,
  draftClosed,
  editFeature,
  kindsFor,
  mayDrawFeatureFor,
  mayDrawFeatures,
  selectedFeature,
  selectFeature,
  shapeDrawn,
  startDrawing,
  startReshaping,
  stopDrawing,
  type FeatureAccess,
  type FeatureDraft,
  type FeatureProject,
} from '../../state/features.ts';
import { dispatchFeatures, useFeatures, type FeaturesStore } from '../../state/features-store.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import type { CommunityRef } from '../../state/permissions.ts';
import './features.css';

export interface FeatureLayerProps {
  store: AppStore;
  features: { store: FeaturesStore; flow: FeaturesFlow };
  controllerRef: RefObject<MapController | null>;
  /** Content drawn over the features (the cases), merged into what `onContent` receives. */
  over: MapContent | null;
  /** Receives the layer's content with `over` on top (just `over` when the layer is hidden or not loaded). */
  onContent: (content: MapContent | null) => void;
  /** Set to the layer's "the last press was mine" (MapView then selects no community). */
  pressRef: RefObject<() => boolean>;
}

/** The access the drawing updaters check, from the app's state. */
export function useFeatureAccess(store: AppStore): FeatureAccess {
  // The role and scope only: the server state changes with every revision, the access does not.
  const mode = useAppStore(store, (state) => state.server.mode);
  const me = useAppStore(store, (state) => state.server.me);
  const readOnly = useAppStore(store, (state) => state.readOnly);
  return useMemo(() => ({ server: { mode, me }, readOnly }), [mode, me, readOnly]);
}

/** Names and streets of the communities by code (for the card, the form and the scope check). */
function useCommunities(store: AppStore) {
  const data = useAppStore(store, (state) => state.data);
  return useMemo(() => {
    const features = data?.dataset.boundaries.features ?? [];
    return {
      list: features,
      byCode: new Map(features.map((feature) => [feature.id, feature])),
      outlines: features.map((feature) => ({ code: feature.id, geometry: feature.geometry })),
    };
  }, [data]);
}

export function FeatureMapLayer({ store, features, controllerRef, over, onContent, pressRef }: FeatureLayerProps) {
  const featuresStore = features.store;
  const items = useFeatures(featuresStore, (state) => state.features);
  const shown = useFeatures(featuresStore, (state) => state.shown && state.status === 'ready');
  const tool = useFeatures(featuresStore, (state) => state.tool);
  const mapState = useAppStore(store, (state) => state.mapState);
  const access = useFeatureAccess(store);
  const communities = useCommunities(store);
  const data = useMemo(() => featureLayerData(items), [items]);
  const content = useMemo(() => mergeContent(shown ? featureLayerContent(data) : null, over), [shown, data, over]);
  useEffect(() => onContent(content), [content, onContent]);
  useEffect(() => () => onContent(null), [onContent]);

  const toolRef = useRef(tool);
  useEffect(() => {
    toolRef.current = tool;
  }, [tool]);
  const mapStarted = mapState !== 'loading';
  // The controller is created by MapView's effect, which runs after this child's: wait for the map's first lifecycle state.
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    const binding = bindFeatureLayer(controller.map, (id) => dispatchFeatures(featuresStore, selectFeature, id), () => toolRef.current !== null);
    pressRef.current = binding.tookPress;
    return () => {
      binding.dispose();
      pressRef.current = () => false;
    };
  }, [controllerRef, featuresStore, pressRef, mapStarted]);

  // terra-draw loads on the first tool chosen (a separate chunk), then follows the tool.
  const drawing = useRef<FeatureDrawing | null>(null);
  useEffect(() => {
    const controller = controllerRef.current;
    if (!tool || !controller) {
      drawing.current?.stop();
      return;
    }
    let cancelled = false;
    void import('../../map/feature-draw.ts').then(({ createFeatureDrawing }) => {
      if (cancelled) return;
      drawing.current ??= createFeatureDrawing(controller.map);
      if (tool.mode === 'reshape') {
        const held = featuresStore.getState().features.find((feature) => feature.properties.id === tool.id);
        if (held) drawing.current.reshape(held.geometry);
      } else {
        drawing.current.draw(tool.mode, (geometry) => dispatchFeatures(featuresStore, shapeDrawn, access, geometry, communityOfShape(geometry, communities.outlines)));
      }
    });
    return () => {
      cancelled = true;
    };
  }, [tool, controllerRef, featuresStore, access, communities]);
  useEffect(
    () => () => {
      drawing.current?.dispose();
      drawing.current = null;
    },
    [],
  );
  const finishReshape = () => {
    const geometry = drawing.current?.finish() ?? null;
    if (geometry) dispatchFeatures(featuresStore, shapeDrawn, access, geometry, null);
    else dispatchFeatures(featuresStore, stopDrawing);
  };

  const ref = (code: string | null): CommunityRef | null => (code === null ? null : { code, streetCode: communities.byCode.get(code)?.streetCode ?? '' });

  return (
    <div className="feature-ui">
      {mayDrawFeatures(access) && <DrawTools store={featuresStore} access={access} onFinishReshape={finishReshape} />}
      <FeatureCard store={featuresStore} flow={features.flow} access={access} nameOf={(code) => communities.byCode.get(code)?.name ?? code} refOf={ref} />
      <FeatureForm store={featuresStore} flow={features.flow} access={access} communities={communities.list} refOf={ref} />
      <FeatureConflictDialog store={featuresStore} flow={features.flow} nameOf={(code) => communities.byCode.get(code)?.name ?? code} />
    </div>
  );
}

const DRAW_HINTS = {
  line: '在地图上依次点击各点；再次点击最后一点或按 Enter 完成，Esc 取消',
  point: '在地图上点击要素所在位置',
  reshape: '拖动线上的点修改走向（点击线段中点可加点），完成后点“完成修改”',
} as const;

function DrawTools({ store, access, onFinishReshape }: { store: FeaturesStore; access: FeatureAccess; onFinishReshape: () => void }) {
  const tool = useFeatures(store, (state) => state.tool);
  const formOpen = useFeatures(store, (state) => state.draft !== null);
  return (
    <div className="feature-tools" role="toolbar" aria-label="绘制工程与路线" data-testid="feature-tools" data-tool={tool?.mode ?? ''}>
      {tool === null ? (
        <>
          <button type="button" className="small" disabled={formOpen} data-testid="draw-line" onClick={() => dispatchFeatures(store, startDrawing, access, 'line')}>
            画线（景观路线、道路工程）
          </button>
          <button type="button" className="small" disabled={formOpen} data-testid="draw-point" onClick={() => dispatchFeatures(store, startDrawing, access, 'point')}>
            标点（服务中心、项目点位）
          </button>
        </>
      ) : (
        <>
          <span className="feature-hint" role="status">
            {DRAW_HINTS[tool.mode]}
          </span>
          {tool.mode === 'reshape' && (
            <button type="button" className="small" data-testid="reshape-done" onClick={onFinishReshape}>
              完成修改
            </button>
          )}
          <button type="button" className="small" data-testid="draw-cancel" onClick={() => dispatchFeatures(store, stopDrawing)}>
            取消
          </button>
        </>
      )}
    </div>
  );
}

function projectLabel(projects: readonly FeatureProject[], id: string | null): string {
  if (id === null) return '无';
  const project = projects.find((item) => item.id === id);
  return project ? `${project.number}. ${project.title}` : id;
}

function FeatureCard({ store, flow, access, nameOf, refOf }: { store: FeaturesStore; flow: FeaturesFlow; access: FeatureAccess; nameOf: (code: string) => string; refOf: (code: string | null) => CommunityRef | null }) {
  const feature = useFeatures(store, selectedFeature);
  const projects = useFeatures(store, (state) => state.projects);
  const busy = useFeatures(store, (state) => state.tool !== null || state.draft !== null);
  const [confirming, setConfirming] = useState<string | null>(null);
  if (!feature || busy) return null;
  const { id, kind, name, community, project, version, updatedBy } = feature.properties;
  const mayEdit = mayDrawFeatureFor(access, refOf(community));
  return (
    <section className="feature-card" data-testid="feature-card" data-feature={id} aria-label={`要素：${name}`}>
      <div className="details-head">
        <h3>{name}</h3>
        <button type="button" className="link-button" aria-label="关闭要素" onClick={() => dispatchFeatures(store, selectFeature, null)}>
          ×
        </button>
      </div>
      <dl className="facts">
        <dt>类型</dt>
        <dd data-testid="feature-kind">{FEATURE_KIND_LABELS[kind]}</dd>
        <dt>所属社区</dt>
        <dd>{community === null ? '未指明' : nameOf(community)}</dd>
        <dt>关联项目</dt>
        <dd>{projectLabel(projects, project)}</dd>
        <dt>版本</dt>
        <dd className="muted">
          第 {version} 版 · {updatedBy}
        </dd>
      </dl>
      {mayEdit &&
        (confirming === id ? (
          <p className="button-row" role="alert">
            确认删除「{name}」？
            <button type="button" className="small danger" data-testid="feature-delete-confirm" onClick={() => void flow.remove(id).then(() => setConfirming(null))}>
              确认删除
            </button>
            <button type="button" className="small" onClick={() => setConfirming(null)}>
              不删除
            </button>
          </p>
        ) : (
          <p className="button-row">
            <button type="button" className="small" data-testid="feature-edit" onClick={() => dispatchFeatures(store, editFeature, access, id, refOf(community))}>
              编辑属性
            </button>
            <button type="button" className="small" data-testid="feature-reshape" onClick={() => dispatchFeatures(store, startReshaping, access, id, refOf(community))}>
              修改形状
            </button>
            <button type="button" className="small" data-testid="feature-delete" onClick={() => setConfirming(id)}>
              删除
            </button>
          </p>
        ))}
    </section>
  );
}

function FeatureForm({ store, flow, access, communities, refOf }: { store: FeaturesStore; flow: FeaturesFlow; access: FeatureAccess; communities: readonly { id: string; name: string; street: string; streetCode: string }[]; refOf: (code: string | null) => CommunityRef | null }) {
  const draft = useFeatures(store, (state) => state.draft);
  const projects = useFeatures(store, (state) => state.projects);
  const notice = useFeatures(store, (state) => state.notice);
  const [saving, setSaving] = useState(false);
  // Only the communities the account may draw for (a street office: its street's).
  const choices = useMemo(() => communities.filter((community) => mayDrawFeatureFor(access, refOf(community.id))), [communities, access, refOf]);
  if (!draft) return null;
  const set = (fields: Partial<FeatureDraft>) => dispatchFeatures(store, draftChanged, fields);
  const submit = async () => {
    setSaving(true);
    try {
      await flow.save(draft);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form
      className="feature-form"
      data-testid="feature-form"
      aria-label={draft.id ? '编辑要素' : '新要素'}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{draft.id ? '编辑要素' : `新要素（${shapeText(draft.geometry)}）`}</h3>
      <label>
        类型
        <select value={draft.kind} onChange={(event) => set({ kind: event.target.value as FeatureDraft['kind'] })}>
          {kindsFor(draft.geometry).map((kind) => (
            <option key={kind} value={kind}>
              {FEATURE_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      <label>
        名称
        <input value={draft.name} required maxLength={60} onChange={(event) => set({ name: event.target.value })} placeholder="例如：滨江景观步道" />
      </label>
      <label>
        所属社区
        <select value={draft.community ?? ''} onChange={(event) => set({ community: event.target.value || null })}>
          <option value="">（不属于某个社区）</option>
          {choices.map((community) => (
            <option key={community.id} value={community.id}>
              {community.name}（{community.street}）
            </option>
          ))}
        </select>
      </label>
      <label>
        关联项目（可不选）
        <select value={draft.project ?? ''} onChange={(event) => set({ project: event.target.value || null })}>
          <option value="">无</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.number}. {project.title}
            </option>
          ))}
        </select>
      </label>
      {notice && (
        <p className="warn-text" role="alert" data-testid="feature-notice">
          {notice}
        </p>
      )}
      <p className="button-row">
        <button type="submit" data-testid="feature-save" disabled={saving}>
          {saving ? '正在保存…' : '保存'}
        </button>
        <button type="button" onClick={() => dispatchFeatures(store, draftClosed)}>
          取消
        </button>
      </p>
    </form>
  );
}

function shapeText(geometry: CampaignFeatureGeometry): string {
  return geometry.type === 'LineString' ? `线，${geometry.coordinates.length} 个点` : '点';
}

function versionRows(feature: { kind: CampaignFeature['properties']['kind']; name: string; community: string | null; project: string | null; geometry: CampaignFeatureGeometry }, nameOf: (code: string) => string) {
  return { 类型: FEATURE_KIND_LABELS[feature.kind], 名称: feature.name, 所属社区: feature.community === null ? '未指明' : nameOf(feature.community), 关联项目: feature.project ?? '无', 形状: shapeText(feature.geometry) };
}

/** A PATCH or DELETE met a newer version: both side by side, and the user chooses (the ConflictDialog pattern). */
function FeatureConflictDialog({ store, flow, nameOf }: { store: FeaturesStore; flow: FeaturesFlow; nameOf: (code: string) => string }) {
  const conflict = useFeatures(store, (state) => state.conflict);
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (conflict && !dialog.open) dialog.showModal?.();
    if (!conflict && dialog.open) dialog.close();
  }, [conflict]);
  const mine = conflict ? versionRows(conflict.mine, nameOf) : null;
  const theirs = conflict ? versionRows({ ...conflict.theirs.properties, geometry: conflict.theirs.geometry }, nameOf) : null;
  return (
    <dialog ref={dialogRef} className="conflict" data-testid="feature-conflict" aria-labelledby="feature-conflict-title" onCancel={(event) => event.preventDefault()}>
      {conflict && mine && theirs && (
        <>
          <h2 id="feature-conflict-title">要素已被他人修改</h2>
          <p>
            您{conflict.action === 'delete' ? '删除' : '修改'}时依据的是第 {conflict.mine.version} 版，服务器上已是第 {conflict.theirs.properties.version} 版（{conflict.theirs.properties.updatedBy} 修改）：请选择保留哪一个。
          </p>
          <table className="conflict-table" data-testid="feature-conflict-versions">
            <thead>
              <tr>
                <th scope="col">字段</th>
                <th scope="col">{conflict.action === 'delete' ? '我要删除的版本' : '我的修改'}</th>
                <th scope="col">服务器版本（第 {conflict.theirs.properties.version} 版）</th>
              </tr>
            </thead>
            <tbody>
              {(Object.keys(mine) as (keyof typeof mine)[]).map((field) => (
                <tr key={field} className={mine[field] === theirs[field] ? undefined : 'differs'}>
                  <th scope="row">{field}</th>
                  <td>{mine[field]}</td>
                  <td>{theirs[field]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="button-row">
            <button type="button" data-testid="feature-keep-mine" onClick={() => void flow.resolveConflict('mine')}>
              {conflict.action === 'delete' ? '仍然删除' : '保留我的修改（覆盖服务器版本）'}
            </button>
            <button type="button" data-testid="feature-take-theirs" onClick={() => void flow.resolveConflict('theirs')}>
              采用服务器版本
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
