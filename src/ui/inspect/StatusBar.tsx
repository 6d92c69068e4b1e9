import { useOnline, useOutboxCounts, type InspectOutbox } from './use-outbox.ts';

/** 在线/离线 and the outbox: 待发送 n 条 · 已发送 n 条 · 待核对 n 条; a tap opens the outbox. */
export function StatusBar({ outbox, onOpen }: { outbox: InspectOutbox; onOpen: () => void }) {
  const online = useOnline();
  const counts = useOutboxCounts(outbox);
  return (
    <button type="button" className="inspect-status" data-testid="outbox-status" data-online={online} data-pending={counts.pending} data-sent={counts.sent} data-review={counts.review} onClick={onOpen}>
      <span className={online ? 'net online' : 'net offline'}>{online ? '在线' : '离线'}</span>
      <span data-testid="outbox-pending">{counts.pending > 0 ? `待发送 ${counts.pending} 条${counts.sending ? '（正在发送）' : ''}` : '无待发送'}</span>
      <span data-testid="outbox-sent">已发送 {counts.sent} 条</span>
      {counts.review > 0 && <span className="review">待核对 {counts.review} 条</span>}
      {counts.drafts > 0 && <span className="muted">草稿 {counts.drafts} 条</span>}
    </button>
  );
}
