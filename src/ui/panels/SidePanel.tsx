export function SidePanel() {
  return (
    <aside className="app-side" data-testid="side-panel" aria-label="图层与筛选">
      <h2>图层</h2>
      <p className="muted">社区边界（示例数据）。状态图层、筛选和连线成片分析将在此处提供。</p>
    </aside>
  );
}
