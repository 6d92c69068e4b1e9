/**
 * The small pieces of 工程与路线 (issue 21) that stand in other components in 服务器模式: the
 * layer's switch in the layer panel, its legend rows and a demonstration community's route line in
 * its details. They come with this
 * chunk (loaded by main.tsx when a campaign server answered), so the static first page carries
 * none of them.
 */
import { FEATURE_KIND_LABELS, FEATURE_KINDS, type CommunityOutline } from '../../core/index.ts';
import { FEATURE_COLOURS, FEATURE_SWATCH } from '../../map/feature-layer.ts';
import { countByKind, routeOf, setFeaturesShown } from '../../state/features.ts';
import { dispatchFeatures, useFeatures, type FeaturesStore } from '../../state/features-store.ts';

/** 工程与路线 on or off, with what the server answered (loading, a failure, none yet). */
export function FeatureToggle({ store }: { store: FeaturesStore }) {
  const shown = useFeatures(store, (state) => state.shown);
  const status = useFeatures(store, (state) => state.status);
  const error = useFeatures(store, (state) => state.error);
  const count = useFeatures(store, (state) => state.features.length);
  return (
    <>
      <h2 id="features-title">工程与路线</h2>
      <div role="group" aria-labelledby="features-title" className="layer-list">
        <label className="choice">
          <input type="checkbox" data-testid="features-shown" checked={shown} onChange={(event) => dispatchFeatures(store, setFeaturesShown, event.target.checked)} />
          景观路线、道路工程、服务中心、项目点位{status === 'ready' ? `（${count}）` : ''}
        </label>
        {status === 'loading' && <p className="muted">正在读取…</p>}
        {status === 'error' && <p className="warn-text">未能读取：{error}</p>}
        {status === 'unavailable' && <p className="muted">此活动服务器不提供工程与路线。</p>}
      </div>
    </>
  );
}

/** The layer's legend rows: each kind's swatch as drawn and how many the campaign has. */
export function FeatureLegend({ store }: { store: FeaturesStore }) {
  const shown = useFeatures(store, (state) => state.shown && state.status === 'ready');
  const features = useFeatures(store, (state) => state.features);
  if (!shown) return null;
  const counts = countByKind(features);
  return (
    <ul className="legend-overlays" aria-label="工程与路线图例" data-testid="feature-legend">
      {FEATURE_KINDS.map((kind) => {
        const swatch = FEATURE_SWATCH[kind];
        const style = swatch === 'dot' ? { background: FEATURE_COLOURS[kind], borderRadius: '50%', width: '0.8rem' } : { borderColor: FEATURE_COLOURS[kind] };
        return (
          <li key={kind} data-kind={kind}>
            <span className={swatch === 'line' ? 'swatch swatch-line' : swatch === 'dash' ? 'swatch swatch-dash' : 'swatch'} style={style} aria-hidden="true" />
            <span className="legend-label">{FEATURE_KIND_LABELS[kind]}</span>
            <span className="legend-count">{counts[kind]}</span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * 景观路线：已有（名称） or 尚无 for a demonstration community, by the core's rule
 * (communitiesWithRoute through routeOf, what the veto reads); nothing until the features are read.
 */
export function RouteLine({ store, community }: { store: FeaturesStore; community: CommunityOutline }) {
  const features = useFeatures(store, (state) => (state.status === 'ready' ? state.features : null));
  if (!features) return null;
  const route = routeOf(features, community);
  return (
    <p data-testid="details-route" data-has-route={route !== null}>
      景观路线：{route ? `已有（${route.properties.name}）` : '尚无'}
    </p>
  );
}
