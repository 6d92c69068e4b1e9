/**
 * Tabs for the side panels on narrow screens (phones, tablets): the map keeps the full width and
 * one panel shows below it. On wide screens the stylesheet hides the tabs and shows every panel.
 */
export type PanelTab = 'layers' | 'report' | 'table';

const TABS: readonly { id: PanelTab; label: string; lagging: string; panel: string }[] = [
  // In the 落后分析 view the left panel holds the street ranking, the right one the reasons and the community lists.
  { id: 'report', label: '连线成片', lagging: '原因与社区', panel: 'panel-report' },
  { id: 'layers', label: '图层与规划', lagging: '街道排名', panel: 'panel-layers' },
  { id: 'table', label: '社区一览', lagging: '趋势与清单', panel: 'panel-table' },
];

/** The tabs; in the 落后分析 view (`lagging`) they name that view's panels. */
export function PanelTabs({ tab, onChange, lagging = false }: { tab: PanelTab; onChange: (tab: PanelTab) => void; lagging?: boolean }) {
  return (
    <nav className="app-tabs" role="tablist" aria-label="面板" data-testid="panel-tabs">
      {TABS.map(({ id, panel, ...labels }) => (
        <button key={id} type="button" role="tab" aria-selected={tab === id} aria-controls={panel} className={tab === id ? 'tab active' : 'tab'} onClick={() => onChange(id)}>
          {lagging ? labels.lagging : labels.label}
        </button>
      ))}
    </nav>
  );
}
