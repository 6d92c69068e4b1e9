import type { OutboxEntry, OutboxState } from '../../app/effects/outbox.ts';
import type { StatusRow } from '../../api/index.ts';
import type { InspectionForm } from './form.ts';
import { ENTRY_STATE_LABELS } from './labels.ts';
import type { InspectOutbox } from './use-outbox.ts';

const ORDER: OutboxState[] = ['conflict', 'rejected', 'queued', 'draft', 'sent'];

/** 待发送 / 待核对 / 已发送: every entry on this phone; rejected and conflicting ones wait for the inspector. */
export function OutboxScreen({ outbox, entries, onOpen, onBack }: { outbox: InspectOutbox; entries: OutboxEntry<InspectionForm>[]; onOpen: (clientId: string) => void; onBack: () => void }) {
  const sorted = [...entries].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state));
  return (
    <main className="inspect-outbox" aria-label="本机记录">
      <div className="inspect-form-head">
        <button type="button" className="inspect-back" onClick={onBack}>
          ‹ 返回
        </button>
        <h2>本机记录</h2>
        <button type="button" className="inspect-link" onClick={() => void outbox.flush()}>
          立即发送
        </button>
      </div>
      {sorted.length === 0 && <p className="muted">本机还没有记录。</p>}
      <ul>
        {sorted.map((entry) => (
          <li key={entry.clientId} className={`inspect-entry ${entry.state}`} data-testid="outbox-entry" data-state={entry.state} data-code={entry.community}>
            <div className="inspect-entry-head">
              <strong>{entry.body.communityName}</strong>
              <span className={`badge ${entry.state}`}>{ENTRY_STATE_LABELS[entry.state]}</span>
            </div>
            <p className="muted">
              {entry.body.date} · 问题 {entry.body.problems.length} 个 · 照片 {entry.photos.length} 张
              {entry.sentAt && ` · 发送于 ${new Date(entry.sentAt).toLocaleString('zh-CN', { hour12: false })}`}
            </p>
            {entry.error && <p className={entry.state === 'queued' ? 'muted' : 'form-error'}>{entry.error.message}</p>}
            {entry.state === 'conflict' && <ConflictNote entry={entry} />}
            <div className="button-row">
              <button type="button" onClick={() => onOpen(entry.clientId)}>
                {entry.state === 'sent' ? '查看' : '打开'}
              </button>
              {entry.state === 'conflict' && (
                <button type="button" data-testid="resubmit-on-current" onClick={() => void outbox.resubmitOnCurrent(entry.clientId)}>
                  核对无误，按最新数据提交
                </button>
              )}
              {(entry.state === 'rejected' || entry.state === 'conflict' || entry.state === 'draft') && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    if (window.confirm(`删除「${entry.body.communityName}」的这条记录？删除后无法恢复。`)) void outbox.discard(entry.clientId);
                  }}
                >
                  删除
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}

/** What changed on the server meanwhile: the current row's fields that differ from the form's starting point. */
function ConflictNote({ entry }: { entry: OutboxEntry<InspectionForm> }) {
  const current = entry.current as Partial<StatusRow> | null;
  if (!current) return null;
  return (
    <p className="muted" data-testid="conflict-note">
      服务器上的{entry.body.communityName}现为版本 {current.version ?? '?'}
      {current.openDisorders !== undefined && `（五乱 ${current.openDisorders} 处，亮灯率 ${current.lightingRate === null || current.lightingRate === undefined ? '未填' : `${Math.round(current.lightingRate * 100)}%`}）`}
      。您的记录基于版本 {entry.baseVersion ?? '?'}：请打开核对，确认后按最新数据提交。
    </p>
  );
}
