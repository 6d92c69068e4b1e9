/**
 * Tabs for the side panels on narrow screens (phones, tablets): the map keeps the full width and
 * one panel shows below it. On wide screens the stylesheet hides the tabs and shows every panel.
 */
export type PanelTab = 'layers' | 'report' | 'table';

const TABS: readonly { id: PanelTab; label: string; panel: string }[] = [
  { id: 'report', label: '连线成片', panel: 'panel-report' },
  { id: 'layers', label: '图层与规划', panel: 'panel-layers' },
  { id: 'table', label: '社区一览', panel: 'panel-table' },
];

export function PanelTabs({ tab, onChange }: { tab: PanelTab; onChange: (tab: PanelTab) => void }) {
  return (
    <nav className="app-tabs" role="tablist" aria-label="面板" data-testid="panel-tabs">
      {TABS.map(({ id, label, panel }) => (
        <button key={id} type="button" role="tab" aria-selected={tab === id} aria-controls={panel} className={tab === id ? 'tab active' : 'tab'} onClick={() => onChange(id)}>
          {label}
        </button>
      ))}
    </nav>
  );
}
