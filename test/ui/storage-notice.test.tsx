/** Issue 17: a project that fails to load does not lock the user out; storage problems are shown until acted on. */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { emptyProject } from '../../src/state/project.ts';
import { createAppStore, initialState } from '../../src/state/store.ts';
import { DataStatus } from '../../src/ui/DataStatus.tsx';
import { StorageNotice } from '../../src/ui/StorageNotice.tsx';

describe('issue 17: the way back', () => {
  test('a stored project that fails to load offers the embedded demo data, keeping the project one restore away', async () => {
    const project = { ...emptyProject(), base: 'none' as const, files: [{ role: 'communities' as const, name: 'broken.geojson', parts: [], choices: {}, importedAt: '2002-05-01T00:00:00.000Z' }] };
    const store = createAppStore({ ...initialState(), source: { kind: 'project' }, project, dataStatus: 'error', dataError: { message: '文件 broken.geojson：应为 GeoJSON 对象' } });
    render(<DataStatus store={store} />);
    await userEvent.click(screen.getByTestId('data-error-demo'));
    expect(store.getState().source).toEqual({ kind: 'lucheng' });
    expect(store.getState().previousProject?.files[0]!.name).toBe('broken.geojson');
  });

  test('another tab\'s save is shown with both choices; keeping this tab clears the notice', async () => {
    const store = createAppStore({ ...initialState(), storageNotice: { kind: 'other-tab', message: '另一个标签页保存了对项目的修改。' } });
    render(<StorageNotice store={store} />);
    expect(screen.getByTestId('storage-reload')).toBeTruthy();
    await userEvent.click(screen.getByTestId('storage-keep'));
    expect(store.getState().storageNotice).toBeNull();
  });
});
