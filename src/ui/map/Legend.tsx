import { useState, type ReactNode, type Ref } from 'react';
import { PROPOSAL_COLOR } from '../../map/palettes.ts';
import type { StatusLayerContext, StatusLayerSpec } from '../../map/status-layers.ts';
import { selectLegendCounts } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';

/** Screens where the legend starts folded, so it does not hide the map it explains. */
export const FOLDED_LEGEND_QUERY = '(max-width: 900px), (max-height: 560px)';

/**
 * The active layer's legend, with the number of communities in each category or class (counted in core).
 * It folds to its title (a button, so touch and keyboard work); on narrow screens it starts folded.
 */
export function Legend({ store, spec, ref, extra }: { store: AppStore; spec: StatusLayerSpec; context?: StatusLayerContext; ref?: Ref<HTMLElement>; extra?: ReactNode }) {
  const [open, setOpen] = useState(() => typeof window.matchMedia !== 'function' || !window.matchMedia(FOLDED_LEGEND_QUERY).matches);
  const proposal = useAppStore(store, (state) => (state.bestSet.shown && state.bestSet.status === 'done' ? (state.bestSet.result?.members.length ?? 0) : 0));
  // Communities per item: the core's count (statusClassCounts) for the plan and round shown.
  const counts = useAppStore(store, (state) => selectLegendCounts(state, spec.id));

  return (
    <section ref={ref} className={open ? 'legend' : 'legend folded'} data-testid="legend" data-layer={spec.id} aria-label={`图例：${spec.legend.title}`}>
      <h3>
        <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)} title={open ? '收起图例' : '展开图例'}>
          {spec.legend.title}
          <span aria-hidden="true">{open ? ' ▾' : ' ▸'}</span>
        </button>
      </h3>
      {open && (
        <>
          <ul>
            {spec.legend.items.map((item) => (
              <li key={item.value}>
                <span className="swatch" style={{ background: item.color }} aria-hidden="true" />
                <span className="legend-label">{item.label}</span>
                <span className="legend-count">{counts.get(item.value) ?? 0}</span>
              </li>
            ))}
          </ul>
          {spec.legend.note && <p className="legend-note">{spec.legend.note}</p>}
          <ul className="legend-overlays" aria-label="连线成片图例">
            <li><span className="swatch swatch-line" style={{ borderColor: '#4477AA' }} aria-hidden="true" />片区轮廓（每片一色）</li>
            <li><span className="swatch swatch-dash" style={{ borderColor: '#D55E00' }} aria-hidden="true" />孤立示范社区</li>
            <li><span className="swatch" style={{ background: 'rgba(17,24,39,0.35)', borderTop: '2px solid #F0E442' }} aria-hidden="true" />相邻联动区域</li>
            <li><span className="swatch swatch-dash" style={{ borderColor: '#1f2937' }} aria-hidden="true" />相邻周边社区</li>
            <li><span className="swatch swatch-badge" aria-hidden="true">1</span>建议补充的社区</li>
            {proposal > 0 && <li data-testid="legend-proposal"><span className="swatch swatch-dash" style={{ borderColor: PROPOSAL_COLOR }} aria-hidden="true" />自动推荐的 {proposal} 个社区</li>}
          </ul>
          {extra}
        </>
      )}
    </section>
  );
}
