import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { StatusRow } from '../../api/index.ts';
import type { RemoteFlow } from '../../app/effects/remote.ts';
import type { CivilizedLevel } from '../../core/index.ts';
import { canEditStatus } from '../../state/permissions.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { EDITABLE_FIELDS, LEVEL_OPTIONS, type EditableField } from './status-fields.ts';

/** 服务器模式: edit the selected community's status row, when the user's role and scope allow it. */
export function StatusEditor({ store, remote }: { store: AppStore; remote: RemoteFlow }) {
  const feature = useAppStore(store, (state) => (state.selected === null ? null : (state.data?.dataset.boundaries.features[state.selected] ?? null)));
  const server = useAppStore(store, (state) => state.server);
  const readOnly = useAppStore(store, (state) => state.readOnly);
  const revision = useAppStore(store, (state) => (state.source.kind === 'server' ? state.source.revision : 0));
  if (server.mode !== 'server' || !feature) return null;
  if (!canEditStatus({ readOnly, server }, { code: feature.id, streetCode: feature.streetCode })) return null;
  return <StatusForm key={feature.id} code={feature.id} remote={remote} revision={revision} conflictOpen={server.conflict !== null} />;
}

function changesOf(base: StatusRow, draft: StatusRow): Partial<StatusRow> {
  const changes: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) if (draft[field.key] !== base[field.key]) changes[field.key] = draft[field.key];
  return changes as Partial<StatusRow>;
}

function StatusForm({ code, remote, revision, conflictOpen }: { code: string; remote: RemoteFlow; revision: number; conflictOpen: boolean }) {
  const [base, setBase] = useState<StatusRow | null>(null);
  const [draft, setDraft] = useState<StatusRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const dirty = useRef(false);
  dirty.current = base !== null && draft !== null && Object.keys(changesOf(base, draft)).length > 0;

  // The row as the server holds it: on opening, after a change elsewhere (unless the user is
  // editing: their save then meets the new version), and after a conflict was decided.
  const decided = useRef(false);
  useEffect(() => {
    if (conflictOpen) {
      decided.current = true;
      return;
    }
    // After the dialog the form starts from the server's row again, whichever version was kept.
    if (dirty.current && !decided.current) return;
    decided.current = false;
    let live = true;
    void remote.readRow(code).then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setBase(answer.value);
        setDraft(answer.value);
      } else setMessage(answer.error.message);
    });
    return () => {
      live = false;
    };
  }, [code, remote, revision, conflictOpen]);

  if (!base || !draft) return <p className="muted">{message ?? '正在读取状态记录…'}</p>;
  const set = (key: EditableField['key'], value: unknown) => setDraft({ ...draft, [key]: value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const changes = changesOf(base, draft);
    if (Object.keys(changes).length === 0) return;
    const answer = await remote.editStatus(base, changes);
    if (answer.ok) {
      setBase(answer.value);
      setDraft(answer.value);
      setMessage(`已保存（第 ${answer.value.version} 版）`);
    } else if (answer.status === 409) {
      setMessage('他人已修改此社区：请在对话框中选择');
    } else setMessage(answer.error.message);
  };
  return (
    <form className="status-editor" data-testid="status-editor" data-version={base.version} onSubmit={(event) => void submit(event)} aria-label="修改状态记录">
      <h3>修改状态记录（第 {base.version} 版）</h3>
      {EDITABLE_FIELDS.map((field) => (
        <label key={field.key} className="field">
          {field.label}
          {field.kind === 'boolean' ? (
            <input type="checkbox" name={field.key} checked={draft.demo} onChange={(event) => set('demo', event.target.checked)} />
          ) : field.kind === 'level' ? (
            <select name={field.key} value={draft.level} onChange={(event) => set('level', event.target.value as CivilizedLevel)}>
              {LEVEL_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : field.kind === 'text' ? (
            <input name={field.key} value={draft.responsible} maxLength={200} onChange={(event) => set('responsible', event.target.value)} />
          ) : (
            <input
              name={field.key}
              type="number"
              min={0}
              step={1}
              value={draft[field.key] ?? ''}
              onChange={(event) => set(field.key, event.target.value === '' ? (field.key === 'population' ? null : 0) : Math.max(0, Math.round(Number(event.target.value))))}
            />
          )}
        </label>
      ))}
      <div className="button-row">
        <button type="submit" data-testid="status-save" disabled={!dirty.current}>
          保存到服务器
        </button>
        <button type="button" disabled={!dirty.current} onClick={() => setDraft(base)}>
          撤销修改
        </button>
      </div>
      {message && (
        <p className="muted" role="status" data-testid="status-message">
          {message}
        </p>
      )}
    </form>
  );
}
