import type { ReactNode } from 'react';
import { STATUS_LAYERS } from '../../state/status-layer-ids.ts';
import { dispatch, useAppStore, type AppState, type AppStore } from '../../state/store.ts';
import { setLayer, setOverlay } from '../../state/updaters.ts';

const OVERLAYS: { key: keyof AppState['overlays']; label: string }[] = [
  { key: 'clusters', label: '片区与孤立社区' },
  { key: 'zones', label: '相邻联动区域' },
  { key: 'rings', label: '相邻周边社区' },
  { key: 'bridges', label: '建议补充的社区' },
];

/** Status layer switcher (one at a time) and the 连线成片 overlay toggles. */
export function LayerPanel({ store, extra }: { store: AppStore; extra?: ReactNode }) {
  const layer = useAppStore(store, (state) => state.layer);
  const overlays = useAppStore(store, (state) => state.overlays);
  return (
    <section aria-labelledby="layers-title" data-testid="layer-panel">
      <h2 id="layers-title">状态图层</h2>
      <div role="radiogroup" aria-labelledby="layers-title" className="layer-list">
        {STATUS_LAYERS.map((item) => (
          <label key={item.id} className={item.id === layer ? 'choice active' : 'choice'}>
            <input type="radio" name="status-layer" value={item.id} checked={item.id === layer} onChange={() => dispatch(store, setLayer, item.id)} />
            {item.label}
          </label>
        ))}
      </div>
      <h2 id="overlays-title">连线成片</h2>
      <div role="group" aria-labelledby="overlays-title" className="layer-list">
        {OVERLAYS.map((item) => (
          <label key={item.key} className="choice">
            <input type="checkbox" checked={overlays[item.key]} onChange={(event) => dispatch(store, setOverlay, item.key, event.target.checked)} />
            {item.label}
          </label>
        ))}
      </div>
      {extra ?? <p className="muted">工程与路线图层需连接活动服务器。</p>}
    </section>
  );
}
