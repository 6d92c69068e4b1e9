import type { ImportKind, JoinReport } from '../../core/index.ts';

const PREVIEW_ROWS = 8;

/** The join report: rows matched by code, by name, unmatched, duplicated codes, communities without a row. */
export function JoinSummary({ join, kind }: { join: JoinReport; kind: ImportKind | null }) {
  return (
    <div className="join-report" data-testid="join-report" data-matched={join.matchedByCode + join.matchedByName.length} data-unmatched={join.unmatched.length}>
      <p>
        关联结果：{join.rows} 行中 按代码匹配 {join.matchedByCode} 行
        {join.matchedByName.length > 0 && `，按名称匹配 ${join.matchedByName.length} 行`}
        {join.unmatched.length > 0 && `，未匹配 ${join.unmatched.length} 行`}
        {kind === 'status' && join.missing.length > 0 && `；${join.missing.length} 个社区没有对应行`}。
      </p>
      {join.matchedByName.length > 0 && <List title="按名称匹配（代码不一致）" items={join.matchedByName.map((row) => `第 ${row.line} 行 ${row.name}：${row.code} → ${row.boundaryCode}`)} />}
      {join.unmatched.length > 0 && <List title="未匹配（边界中没有此代码或名称）" items={join.unmatched.map((row) => `第 ${row.line} 行 ${row.name || '（无名称）'} ${row.code}`)} />}
      {join.duplicated.length > 0 && <List title="重复的社区代码" items={join.duplicated.map((entry) => `${entry.code}：第 ${entry.lines.join('、')} 行`)} />}
    </div>
  );
}

function List({ title, items }: { title: string; items: string[] }) {
  return (
    <details>
      <summary>
        {title}（{items.length}）
      </summary>
      <ul>
        {items.slice(0, PREVIEW_ROWS).map((item) => (
          <li key={item}>{item}</li>
        ))}
        {items.length > PREVIEW_ROWS && <li>… 另有 {items.length - PREVIEW_ROWS} 项</li>}
      </ul>
    </details>
  );
}
