import { useEffect, useRef } from 'react';
import type { RemoteFlow } from '../../app/effects/remote.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import type { Conflict } from '../../state/server-state.ts';
import { EDITABLE_FIELDS, formatField } from './status-fields.ts';

/**
 * A write met a newer version on the server (409): both versions side by side, and the user
 * chooses. Nothing is dropped silently: closing without a choice keeps the dialog's question
 * for later (the edit is not sent, the server's version stays).
 */
export function ConflictDialog({ store, remote }: { store: AppStore; remote: RemoteFlow }) {
  const conflict = useAppStore(store, (state) => state.server.conflict);
  const names = useAppStore(store, (state) => state.data?.dataset.boundaries.features);
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (conflict && !dialog.open) dialog.showModal?.();
    if (!conflict && dialog.open) dialog.close();
  }, [conflict]);
  const nameOf = (code: string) => names?.find((feature) => feature.id === code)?.name ?? code;
  return (
    <dialog ref={dialogRef} className="conflict" data-testid="conflict-dialog" aria-labelledby="conflict-title" onCancel={(event) => event.preventDefault()}>
      {conflict && (
        <>
          <h2 id="conflict-title">数据已被他人修改</h2>
          <p>您修改时依据的版本已不是最新：下面是您的修改和服务器上的当前版本，请选择保留哪一个。</p>
          {conflict.kind === 'status' ? <StatusVersions conflict={conflict} /> : <PlanVersions conflict={conflict} nameOf={nameOf} />}
          <div className="button-row">
            <button type="button" data-testid="conflict-keep-mine" onClick={() => void remote.resolveConflict('mine')}>
              保留我的修改（覆盖服务器版本）
            </button>
            <button type="button" data-testid="conflict-take-theirs" onClick={() => void remote.resolveConflict('theirs')}>
              采用服务器版本
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

function StatusVersions({ conflict }: { conflict: Extract<Conflict, { kind: 'status' }> }) {
  return (
    <table className="conflict-table" data-testid="conflict-versions">
      <caption>
        {conflict.name}（{conflict.code}）
      </caption>
      <thead>
        <tr>
          <th scope="col">字段</th>
          <th scope="col">我的修改</th>
          <th scope="col">服务器版本（第 {conflict.theirs.version} 版）</th>
        </tr>
      </thead>
      <tbody>
        {EDITABLE_FIELDS.map((field) => {
          const mine = formatField(conflict.mine, field);
          const theirs = formatField(conflict.theirs, field);
          return (
            <tr key={field.key} className={mine === theirs ? undefined : 'differs'} data-field={field.key}>
              <th scope="row">{field.label}</th>
              <td data-testid={`mine-${field.key}`}>{mine}</td>
              <td data-testid={`theirs-${field.key}`}>{theirs}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function PlanVersions({ conflict, nameOf }: { conflict: Extract<Conflict, { kind: 'plan' }>; nameOf: (code: string) => string }) {
  const theirs = conflict.theirs.codes;
  if (theirs === null) return <p data-testid="conflict-versions">服务器上的方案已恢复为状态表的示范名单；您的方案有 {conflict.mine.length} 个示范社区。</p>;
  const onlyMine = conflict.mine.filter((code) => !theirs.includes(code));
  const onlyTheirs = theirs.filter((code) => !conflict.mine.includes(code));
  return (
    <dl className="facts" data-testid="conflict-versions">
      <dt>我的方案</dt>
      <dd data-testid="mine-plan">
        {conflict.mine.length} 个示范社区{onlyMine.length > 0 && `，其中服务器版本没有：${onlyMine.map(nameOf).join('、')}`}
      </dd>
      <dt>服务器版本</dt>
      <dd data-testid="theirs-plan">
        {theirs.length} 个示范社区（{conflict.theirs.updatedBy} 修改）{onlyTheirs.length > 0 && `，其中我的方案没有：${onlyTheirs.map(nameOf).join('、')}`}
      </dd>
    </dl>
  );
}
