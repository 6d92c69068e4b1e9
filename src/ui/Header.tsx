export function Header() {
  return (
    <header className="app-header" data-testid="header">
      <h1>
        <span className="app-logo" aria-hidden="true">连片</span>
        鹿城区精品示范社区创建看板
      </h1>
    </header>
  );
}
