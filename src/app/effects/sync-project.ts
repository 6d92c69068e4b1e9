/**
 * Keeps the working project saved: every change of the plan, the scenarios or the project
 * itself is written to IndexedDB (debounced), and the browser is asked once to persist storage.
 * A read-only link never saves (the viewer's own project stays as it was). A refused save is
 * shown. Tabs tell each other of every save over a BroadcastChannel; a tab that hears of another
 * tab's save stops saving and asks the user, instead of overwriting it.
 */
import { projectSnapshot } from '../../state/import-updaters.ts';
import { requestPersistentStorage, saveProject } from './project-db.ts';
import type { Project } from '../../state/project.ts';
import { dispatch, type AppStore } from '../../state/store.ts';
import { storageNoticeDismissed, storageNoticeShown } from '../../state/storage-updaters.ts';

/** Name of the channel on which tabs announce their saves. */
export const PROJECT_CHANNEL = 'lianpian-project';

/** A tab's announcement of a save. */
interface SavedMessage {
  type: 'saved';
  tab: string;
  updatedAt: string;
}

/** The content of a project that a save would change (everything but its timestamp; file bytes by name and import time). */
function fingerprint(project: Project): string {
  return JSON.stringify([project.base, project.files.map((file) => [file.role, file.name, file.importedAt, file.choices]), project.planCodes, project.scenarios, project.settings]);
}

/** The channel, where the browser has one (null in Node tests unless given). */
function openChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(PROJECT_CHANNEL);
}

/** Changes are written this long after the last one, ms. */
export const SAVE_DELAY_MS = 300;

export function syncProject(store: AppStore, save = saveProject, channel: BroadcastChannel | null = openChannel()): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = false;
  // What was last saved (or loaded): opening the app, in a second tab too, saves and announces nothing.
  let lastSaved = fingerprint(projectSnapshot(store.getState(), ''));
  const tab = Math.random().toString(36).slice(2);
  const onMessage = (event: MessageEvent<SavedMessage>) => {
    if (event.data?.type !== 'saved' || event.data.tab === tab) return;
    if (timer) clearTimeout(timer);
    timer = null;
    dispatch(store, storageNoticeShown, { kind: 'other-tab', message: '另一个标签页保存了对项目的修改。为免互相覆盖，本页已暂停保存：可载入另一页的修改，或以本页为准保存。' });
  };
  channel?.addEventListener('message', onMessage as EventListener);
  const unsubscribe = store.subscribe((state, previous) => {
    // The user chose this tab over another tab's save: its project is written even if unchanged here.
    if (previous.storageNotice?.kind === 'other-tab' && state.storageNotice === null) lastSaved = '';
    if (state.plan === previous.plan && state.scenarios === previous.scenarios && state.project === previous.project) return;
    // A campaign server's data lives on the server (the browser's own project stays as it was).
    if (state.readOnly || state.source.kind === 'synthetic' || state.source.kind === 'server' || state.dataStatus !== 'ready') return;
    // Held while another tab's change waits for the user's choice.
    if (state.storageNotice?.kind === 'other-tab') return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const snapshot = projectSnapshot(store.getState(), new Date().toISOString());
      const content = fingerprint(snapshot);
      if (content === lastSaved) return;
      void save(snapshot).then((saved) => {
        if (saved) {
          lastSaved = content;
          channel?.postMessage({ type: 'saved', tab, updatedAt: snapshot.updatedAt } satisfies SavedMessage);
          if (store.getState().storageNotice?.kind === 'save-failed') dispatch(store, storageNoticeDismissed);
        } else {
          dispatch(store, storageNoticeShown, { kind: 'save-failed', message: '浏览器拒绝保存项目（存储空间已满、隐私模式或被禁用）：修改只在本页有效，关闭后会丢失。请导出项目文件保存一份。' });
        }
      });
      if (!asked) {
        asked = true;
        void requestPersistentStorage();
      }
    }, SAVE_DELAY_MS);
  });
  return () => {
    if (timer) clearTimeout(timer);
    channel?.removeEventListener('message', onMessage as EventListener);
    unsubscribe();
  };
}
