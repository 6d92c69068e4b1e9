/** Issue 17: nothing the user has is lost or overwritten by storage, other tabs or a replacement. */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { previewImport } from '../../src/core/import/preview.ts';
import { projectApplied } from '../../src/state/import-updaters.ts';
import { emptyProject, type Project, type SavedScenario } from '../../src/state/project.ts';
import { exportProjectFile, importProjectFile } from '../../src/state/project-file.ts';
import { demoRestored, thisTabKept } from '../../src/state/storage-updaters.ts';
import { createAppStore, dispatch } from '../../src/state/store.ts';
import { PROJECT_CHANNEL, SAVE_DELAY_MS, syncProject } from '../../src/app/effects/sync-project.ts';
import { toggleDesignation } from '../../src/state/updaters.ts';
import { apply, loaded, loadResult } from '../support/plan-state.ts';

const scenario: SavedScenario = { name: '方案甲', savedAt: '2002-05-01T00:00:00.000Z', codes: ['B'] };
const withFile = (name: string, scenarios: SavedScenario[] = []): Project => ({ ...emptyProject('2002-05-01T00:00:00.000Z'), base: 'none', files: [{ role: 'communities', name, parts: [{ name, bytes: new Uint8Array([1]) }], choices: {}, importedAt: '2002-05-01T00:00:00.000Z' }], scenarios });

afterEach(() => vi.useRealTimers());

/** A store with loaded data, its saves recorded, and a second "tab" on the same channel. */
function tabs(options: { readOnly?: boolean; saveResult?: boolean } = {}) {
  vi.useFakeTimers();
  const store = createAppStore({ ...loaded(), readOnly: options.readOnly ?? false });
  const saves: Project[] = [];
  const channel = new BroadcastChannel(PROJECT_CHANNEL);
  const other = new BroadcastChannel(PROJECT_CHANNEL);
  const stop = syncProject(store, async (project) => (saves.push(project), options.saveResult ?? true), channel);
  const edit = async () => {
    dispatch(store, toggleDesignation, 1);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
  };
  return { store, saves, other, edit, close: () => (stop(), channel.close(), other.close()) };
}

describe('syncProject()', () => {
  test('issue 17: a read-only link never saves into the viewer\'s storage', async () => {
    const tab = tabs({ readOnly: true });
    await tab.edit();
    expect(tab.saves).toHaveLength(0);
    tab.close();
  });

  test('issue 17: a refused save is shown with a way to export', async () => {
    const tab = tabs({ saveResult: false });
    await tab.edit();
    expect(tab.store.getState().storageNotice).toMatchObject({ kind: 'save-failed' });
    tab.close();
  });

  test('issue 17: after another tab saved, this tab stops saving until the user keeps its own', async () => {
    const tab = tabs();
    tab.other.postMessage({ type: 'saved', tab: 'other', updatedAt: 'x' });
    await vi.waitFor(() => expect(tab.store.getState().storageNotice).toMatchObject({ kind: 'other-tab' }));
    await tab.edit();
    expect(tab.saves).toHaveLength(0);
    dispatch(tab.store, thisTabKept, '2002-06-01T00:00:00.000Z');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(tab.saves).toHaveLength(1);
    tab.close();
  });

  test('opening the app (in a second tab too) saves and announces nothing until something changes', async () => {
    const tab = tabs();
    dispatch(tab.store, (state) => ({ project: { ...state.project, updatedAt: 'later' } }));
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(tab.saves).toHaveLength(0);
    tab.close();
  });

  test('a save is announced to the other tabs', async () => {
    const tab = tabs();
    const heard = new Promise<unknown>((resolve) => tab.other.addEventListener('message', (event) => resolve(event.data), { once: true }));
    await tab.edit();
    vi.useRealTimers();
    await expect(heard).resolves.toMatchObject({ type: 'saved' });
    tab.close();
  });
});

describe('replacing the working project', () => {
  test('issue 17: opening a project file brings its scenarios and keeps the replaced project one restore away', () => {
    const before = apply(loaded(), () => ({ project: withFile('old.geojson'), scenarios: [scenario] }));
    const opened = withFile('new.geojson', [{ ...scenario, name: '方案乙' }]);
    const after = apply(before, (state) => projectApplied(state, opened, loadResult()));
    expect(after.scenarios.map((item) => item.name)).toEqual(['方案乙']);
    expect(after.previousProject?.files[0]!.name).toBe('old.geojson');
    expect(after.previousProject?.scenarios).toEqual([scenario]);
  });

  test('issue 17: the embedded demo data is one action away, and that too can be undone', () => {
    const before = apply(loaded(), () => ({ project: withFile('mine.geojson'), source: { kind: 'project' as const } }));
    const after = apply(before, (state) => demoRestored(state, '2002-06-01T00:00:00.000Z'));
    expect(after.source).toEqual({ kind: 'lucheng' });
    expect(after.project.files).toEqual([]);
    expect(after.previousProject?.files[0]!.name).toBe('mine.geojson');
  });

  test('issue 17: an empty FeatureCollection is refused in the preview (it cannot replace the project)', async () => {
    const [preview] = await previewImport([{ name: 'empty.geojson', bytes: strToU8('{"type":"FeatureCollection","features":[]}') }], {}, { current: null });
    expect(preview!.errors[0]).toMatchObject({ code: 'E_GEOJSON_TYPE', path: 'features' });
  });
});

describe('importProjectFile() messages', () => {
  test('issue 17: a missing part is named as missing, not blamed on a newer version', () => {
    const good = exportProjectFile(withFile('a.geojson'));
    const entries = unzipSync(good);
    const partPath = Object.keys(entries).find((name) => name.startsWith('files/'))!;
    delete entries[partPath];
    const result = importProjectFile(zipSync(entries));
    expect(result).toEqual({ error: expect.stringContaining('缺少') });
    expect((result as { error: string }).error).not.toContain('更新的版本');
  });
});

describe('link notices', () => {
  test('issue 17: a 1 MB unknown code in a link is cut in its notice', async () => {
    const { hashChanged } = await import('../../src/state/updaters.ts');
    const { readHash } = await import('../../src/state/hash-intent.ts');
    const code = 'x'.repeat(1_000_000);
    const state = apply(loaded(), (s) => hashChanged(s, readHash(`#demo=${code}`)));
    expect(state.linkNotice).not.toBeNull();
    expect(state.linkNotice!.length).toBeLessThan(200);
  });
});
