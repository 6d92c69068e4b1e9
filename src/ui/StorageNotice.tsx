import { projectSnapshot } from '../state/import-updaters.ts';
import { dispatch, useAppStore, type AppStore } from '../state/store.ts';
import { storageNoticeDismissed, thisTabKept } from '../state/storage-updaters.ts';
import { download } from './export/download.ts';

/** Saves the working project as a project file (what is in this tab, whatever storage did). */
async function exportWorkingProject(store: AppStore): Promise<void> {
  const { exportProjectFile, PROJECT_FILE_SUFFIX } = await import('../state/project-file.ts');
  download(`项目备份${PROJECT_FILE_SUFFIX}`, exportProjectFile(projectSnapshot(store.getState(), new Date().toISOString())) as BlobPart, 'application/zip');
}

/** Saves an unreadable stored entry as it is: a project file when its parts are there, else JSON. */
async function exportUnreadable(key: string): Promise<void> {
  const [{ loadUnreadableEntry }, { exportProjectFile, PROJECT_FILE_SUFFIX }] = await Promise.all([import('../app/effects/project-db.ts'), import('../state/project-file.ts')]);
  const raw = await loadUnreadableEntry(key);
  try {
    download(`无法读取的项目${PROJECT_FILE_SUFFIX}`, exportProjectFile(raw as Parameters<typeof exportProjectFile>[0]) as BlobPart, 'application/zip');
  } catch {
    download('无法读取的项目.json', JSON.stringify(raw, (_, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value)), 'application/json');
  }
}

/** A failed save, an unreadable stored project or another tab's change: shown until the user acts. */
export function StorageNotice({ store }: { store: AppStore }) {
  const notice = useAppStore(store, (state) => state.storageNotice);
  if (!notice) return null;
  return (
    <div className="link-notice storage-notice" role="alert" data-testid="storage-notice" data-kind={notice.kind}>
      <span>{notice.message}</span>
      <span className="button-row">
        {notice.kind === 'save-failed' && (
          <button type="button" onClick={() => void exportWorkingProject(store)} data-testid="storage-export">
            导出项目文件
          </button>
        )}
        {notice.kind === 'unreadable' && notice.key && (
          <button type="button" onClick={() => void exportUnreadable(notice.key!)} data-testid="storage-export">
            导出无法读取的数据
          </button>
        )}
        {notice.kind === 'other-tab' ? (
          <>
            <button type="button" onClick={() => location.reload()} data-testid="storage-reload">
              载入另一页的修改
            </button>
            <button type="button" onClick={() => dispatch(store, thisTabKept, new Date().toISOString())} data-testid="storage-keep">
              以本页为准保存
            </button>
          </>
        ) : (
          <button type="button" className="link-button" onClick={() => dispatch(store, storageNoticeDismissed)}>
            知道了
          </button>
        )}
      </span>
    </div>
  );
}
