/**
 * 工程与路线 in the works panel (issue 21): how many routes, road works, centres and sites the
 * campaign has, the GeoJSON export (one FeatureCollection, as the server holds it) and the import
 * (a file through the core's one validation, every problem named with the file, the feature, the
 * field and what was expected; a preview of what would be added by kind, then one all-or-nothing
 * save to the server). Only an account allowed to draw imports.
 */
import { useState } from 'react';
import { FEATURE_KIND_LABELS, FEATURE_KINDS } from '../../core/index.ts';
import type { FeaturesFlow } from '../../app/effects/features.ts';
import { countByKind, featureCollection, featureImportPreview, mayDrawFeatures, type FeatureImportPreview } from '../../state/features.ts';
import { useFeatures, type FeaturesStore } from '../../state/features-store.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { download } from '../export/download.ts';
import { useFeatureAccess } from '../features/FeatureMapLayer.tsx';

const GEOJSON = 'application/geo+json';

export function FeaturesSection({ store, features }: { store: AppStore; features: { store: FeaturesStore; flow: FeaturesFlow } }) {
  const items = useFeatures(features.store, (state) => state.features);
  const projects = useFeatures(features.store, (state) => state.projects);
  const notice = useFeatures(features.store, (state) => state.notice);
  const status = useFeatures(features.store, (state) => state.status);
  const access = useFeatureAccess(store);
  const boundaries = useAppStore(store, (state) => state.data?.dataset.boundaries.features ?? null);
  const title = useAppStore(store, (state) => state.server.campaign?.title ?? '活动');
  const [preview, setPreview] = useState<FeatureImportPreview | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const counts = countByKind(items);
  const mayImport = mayDrawFeatures(access);

  const read = async (file: File) => {
    setSaved(null);
    const text = await file.text();
    setPreview(featureImportPreview(file.name, text, { communities: new Set((boundaries ?? []).map((feature) => feature.id)), projects: new Set(projects.map((project) => project.id)), held: features.store.getState().features }));
  };
  const save = async () => {
    if (!preview?.ok) return;
    setSaving(true);
    try {
      const answer = await features.flow.importFeatures(preview.features);
      if (answer.ok) {
        setSaved(`已导入 ${answer.value.features.length} 个要素（${preview.file}）`);
        setPreview(null);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="works-features" data-testid="features-section" aria-labelledby="features-section-title">
      <h3 id="features-section-title">工程与路线（地图要素）</h3>
      <p data-testid="features-counts">
        {status === 'ready' ? FEATURE_KINDS.map((kind) => `${FEATURE_KIND_LABELS[kind]} ${counts[kind]}`).join('，') : status === 'error' ? '未能读取要素' : '正在读取…'}
      </p>
      <p className="button-row">
        <button type="button" className="small" data-testid="features-export" disabled={status !== 'ready'} onClick={() => download(`${title}-工程与路线.geojson`, JSON.stringify(featureCollection(items), null, 1), GEOJSON)}>
          导出 GeoJSON
        </button>
        {mayImport && (
          <label className="small file-button">
            导入 GeoJSON…
            <input type="file" accept=".geojson,.json,application/geo+json,application/json" data-testid="features-import" onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void read(file);
            }} />
          </label>
        )}
      </p>
      {preview && !preview.ok && (
        <div className="warn-text" role="alert" data-testid="features-import-errors">
          <p>未导入：文件有 {preview.errors.length} 处问题</p>
          <ul>
            {preview.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      )}
      {preview?.ok && (
        <div data-testid="features-import-preview">
          <p>
            {preview.file}：将新增 {preview.features.length} 个要素
            {preview.features.length > 0 && `（${FEATURE_KINDS.filter((kind) => preview.counts[kind] > 0).map((kind) => `${FEATURE_KIND_LABELS[kind]} ${preview.counts[kind]}`).join('，')}）`}
            {preview.skipped > 0 && `，${preview.skipped} 个已在本活动中、跳过`}
          </p>
          <p className="button-row">
            <button type="button" className="small" data-testid="features-import-save" disabled={saving || preview.features.length === 0} onClick={() => void save()}>
              {saving ? '正在保存…' : '保存到服务器'}
            </button>
            <button type="button" className="small" onClick={() => setPreview(null)}>
              取消
            </button>
          </p>
        </div>
      )}
      {saved && (
        <p role="status" data-testid="features-import-done">
          {saved}
        </p>
      )}
      {notice && !preview && (
        <p className="warn-text" role="alert">
          {notice}
        </p>
      )}
    </section>
  );
}
