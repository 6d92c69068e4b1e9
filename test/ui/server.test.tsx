import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { connectRemote, type RemoteFlow } from '../../src/app/effects/remote.ts';
import { conflictFound } from '../../src/state/server.ts';
import { STANDALONE } from '../../src/state/server-state.ts';
import { createAppStore, dispatch, initialState } from '../../src/state/store.ts';
import { Header } from '../../src/ui/Header.tsx';
import { ConflictDialog } from '../../src/ui/server/ConflictDialog.tsx';
import { fakeCampaignServer, statusRow } from '../support/fake-campaign-server.ts';

const flows: RemoteFlow[] = [];
afterEach(() => flows.splice(0).forEach((flow) => flow.dispose()));

function serverStore(role: 'admin' | 'leader' | null) {
  const server = fakeCampaignServer(role);
  const store = createAppStore({
    ...initialState(),
    source: { kind: 'server', campaign: 'c1', revision: 1, files: [] },
    server: { ...STANDALONE, mode: 'server', me: server.user, campaign: { id: 'c1', title: '测试活动' }, plan: { codes: null, version: 1 } },
  });
  const remote = connectRemote(store, { fetch: server.fetch, openEvents: server.openEvents, scenarios: [] });
  flows.push(remote);
  return { store, server, remote };
}

test('Header says 单机模式 without a campaign server', () => {
  render(<Header store={createAppStore(initialState())} />);
  expect(screen.getByTestId('server-mode').textContent).toBe('单机模式');
  expect(screen.queryByTestId('sign-in')).toBeNull();
});

test('Header in 服务器模式 names the user and role; 登录 signs in, a wrong password is said in Chinese, 退出 signs out', async () => {
  const { store, remote } = serverStore(null);
  render(<Header store={store} remote={remote} />);
  const bar = screen.getByTestId('server-mode');
  expect(bar.dataset.mode).toBe('server');
  expect(bar.textContent).toContain('未登录 · 只读');
  expect(screen.getByTestId('server-campaign').getAttribute('title')).toContain('测试活动');
  fireEvent.click(screen.getByTestId('sign-in'));
  fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'admin' } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'wrong' } });
  await act(async () => fireEvent.submit(screen.getByTestId('sign-in-form')));
  await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toBe('用户名或密码错误，或账号已停用'));
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'secret' } });
  await act(async () => fireEvent.submit(screen.getByTestId('sign-in-form')));
  await vi.waitFor(() => expect(screen.getByTestId('server-user').textContent).toBe('admin（区创建办（管理员））'));
  expect(screen.queryByTestId('sign-in-form')).toBeNull();
  await act(async () => fireEvent.click(screen.getByTestId('sign-out')));
  await vi.waitFor(() => expect(screen.getByTestId('server-mode').textContent).toContain('未登录'));
});

test('ConflictDialog shows my edit and the server version of each field, the changed one marked, and sends my choice', async () => {
  const { store, server, remote } = serverStore('admin');
  render(<ConflictDialog store={store} remote={remote} />);
  server.writeStatusAs('admin2', 'B', { responsible: '张三' });
  const theirs = server.rows.get('B')!;
  act(() => dispatch(store, conflictFound, { kind: 'status', code: 'B', name: '社区B', mine: { ...statusRow('B'), responsible: '李四' }, changes: { responsible: '李四' }, theirs }));
  expect(screen.getByTestId('mine-responsible').textContent).toBe('李四');
  expect(screen.getByTestId('theirs-responsible').textContent).toBe('张三');
  expect([...document.querySelectorAll('tr.differs')].map((row) => row.getAttribute('data-field'))).toEqual(['responsible']);
  await act(async () => fireEvent.click(screen.getByTestId('conflict-keep-mine')));
  await vi.waitFor(() => expect(server.rows.get('B')).toMatchObject({ responsible: '李四', version: 3 }));
  expect(store.getState().server.conflict).toBeNull();
});
