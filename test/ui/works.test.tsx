import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import type { Me } from '../../src/api/index.ts';
import { connectWorks, type WorksFlow } from '../../src/app/effects/works.ts';
import { disburse, mayDisburse, paymentAmountRefusal, ROLE_LABELS, signStage } from '../../src/core/index.ts';
import { STANDALONE } from '../../src/state/server-state.ts';
import { createAppStore, initialState } from '../../src/state/store.ts';
import { createWorksStore } from '../../src/state/works-store.ts';
import { WorksPanel } from '../../src/ui/works/WorksPanel.tsx';
import { fakeWorksServer, project, SETTINGS, unitOf, type FakeWorksServer } from '../support/fake-works-server.ts';

const flows: WorksFlow[] = [];
afterEach(() => flows.splice(0).forEach((flow) => flow.dispose()));

const account = (username: string): Me => ({ username, role: 'admin', scope: [] });
/** The seeded account of a reviewing unit: role department, the unit's id in its scope. */
const unitAccount = (unit: string): Me => ({ username: `unit-${unit}`, role: 'department', scope: [unit] });

async function dashboard(server: FakeWorksServer, me: Me) {
  server.user = me;
  const app = createAppStore({ ...initialState(), server: { ...STANDALONE, mode: 'server', me, campaign: { id: 'c1', title: '测试活动' } } });
  const works = createWorksStore();
  const flow = connectWorks(works, app, { fetch: server.fetch, openEvents: server.openEvents });
  flows.push(flow);
  const view = render(<WorksPanel store={app} works={works} flow={flow} />);
  fireEvent.click(screen.getByTestId('works-toggle'));
  await vi.waitFor(() => expect(screen.getByTestId('works-panel').dataset.status).toBe('ready'));
  return { app, works, flow, view };
}

const openProjectRow = (id: string) => fireEvent.click(within(screen.getAllByTestId('project-row').find((row) => row.dataset.project === id)!).getByRole('button'));

test('a project page offers the sign-off only to the unit that signs the next stage, and a signed stage shows on its timeline', async () => {
  const server = fakeWorksServer();
  server.projects = [project('p1', 1)];
  const reviewer = SETTINGS.units.find((unit) => unit.id === unitOf('reviewed'))!;
  const { view } = await dashboard(server, unitAccount(unitOf('paid')));
  openProjectRow('p1');
  expect(screen.queryByTestId('sign-button')).toBeNull();
  expect(screen.getByTestId('sign-waiting').textContent).toContain(`下一步「审核」由${reviewer.name}签批`);
  view.unmount();
  flows.splice(0).forEach((flow) => flow.dispose());

  await dashboard(server, unitAccount(reviewer.id));
  openProjectRow('p1');
  fireEvent.change(screen.getByTestId('sign-note'), { target: { value: '材料齐全' } });
  await act(async () => fireEvent.click(screen.getByTestId('sign-button')));
  await vi.waitFor(() => expect(screen.getByTestId('project-page').dataset.stage).toBe('reviewed'));
  const reviewed = within(screen.getByTestId('stage-line')).getAllByRole('listitem').find((item) => item.dataset.stage === 'reviewed')!;
  expect(reviewed.dataset.done).toBe('true');
  expect(reviewed.textContent).toContain(`unit-${reviewer.id}（${reviewer.name}）`);
  expect(reviewed.textContent).toContain('材料齐全');
  // The next stage is another unit's: this account is no longer offered a sign-off.
  expect(screen.queryByTestId('sign-button')).toBeNull();
});

test("a refused sign-off or payment shows the server's Chinese message (the core's words)", async () => {
  const server = fakeWorksServer();
  server.projects = [project('p1', 1, { stage: 'accepted' })];
  const payer = unitAccount(unitOf('paid'));
  const actor = { username: payer.username, role: payer.role, scope: payer.scope };
  await dashboard(server, payer);
  openProjectRow('p1');
  // The page shows the project accepted, but the server now holds it at 施工: the sign-off meets the server's order.
  server.projects[0] = { ...server.projects[0]!, stage: 'building', version: 0 };
  await act(async () => fireEvent.click(screen.getByTestId('sign-button')));
  const order = signStage(server.projects[0]!, { to: 'paid' }, actor, '', SETTINGS);
  expect(order.ok).toBe(false);
  await vi.waitFor(() => expect(screen.getByTestId('sign-refusal').textContent).toBe(!order.ok && order.error.message));
  // After the re-read the page shows 施工: a payment is refused before 验收.
  await vi.waitFor(() => expect(screen.getByTestId('project-page').dataset.stage).toBe('building'));
  fireEvent.change(screen.getByTestId('payment-amount'), { target: { value: '20' } });
  await act(async () => fireEvent.click(screen.getByTestId('payment-button')));
  const early = disburse(server.projects[0]!, { id: 'x', amountWan: 20 }, server.remainingWan, actor, '', SETTINGS);
  expect(early.ok).toBe(false);
  await vi.waitFor(() => expect(screen.getByTestId('payment-refusal').textContent).toBe(!early.ok && early.error.message));
  expect(screen.getByTestId('payment-refusal').textContent).toContain('尚未验收');
});

test('a sign-off refused (403) because the account no longer signs that stage keeps the server’s words on the page, which then says who signs', async () => {
  const server = fakeWorksServer();
  server.projects = [project('p1', 1, { stage: 'reviewed' })];
  const evaluator = SETTINGS.units.find((unit) => unit.id === unitOf('evaluated'))!;
  const builder = unitOf('building');
  await dashboard(server, unitAccount(evaluator.id));
  openProjectRow('p1');
  expect(screen.getByTestId('sign-button').textContent).toBe(`以${evaluator.name}签批「评估」`);
  // The account moved to another unit while its page was open: the server checks the account as it is now.
  server.user = unitAccount(builder);
  const moved = { username: server.user.username, role: server.user.role, scope: server.user.scope };
  await act(async () => fireEvent.click(screen.getByTestId('sign-button')));
  const refused = signStage(server.projects[0]!, { to: 'evaluated' }, moved, '', SETTINGS);
  expect(!refused.ok && refused.error.code).toBe('E_FORBIDDEN');
  await vi.waitFor(() => expect(screen.queryByTestId('sign-button')).toBeNull());
  expect(screen.getByTestId('sign-refusal').textContent).toBe(!refused.ok && refused.error.message);
  expect(screen.getByTestId('sign-waiting').textContent).toContain(`下一步「评估」由${evaluator.name}签批`);
  expect(screen.getByTestId('project-page').dataset.stage).toBe('reviewed');
});

test('the payment form refuses an empty, zero, negative or unreadable amount with the core’s words and records nothing', async () => {
  const server = fakeWorksServer();
  server.projects = [project('p1', 1, { stage: 'accepted' })];
  await dashboard(server, unitAccount(unitOf('paid')));
  openProjectRow('p1');
  for (const value of ['', '0', '-5', 'abc']) {
    fireEvent.change(screen.getByTestId('payment-amount'), { target: { value } });
    await act(async () => fireEvent.click(screen.getByTestId('payment-button')));
    expect(screen.getByTestId('payment-refusal').textContent).toBe(paymentAmountRefusal(Number.NaN));
  }
  expect(server.projects[0]).toMatchObject({ disbursements: [], version: 1 });
});

test('the project list filters by stage and the veto list is read again on a live change', async () => {
  const server = fakeWorksServer();
  server.projects = [project('p1', 1), project('p2', 2, { stage: 'accepted', title: '示意绿化' })];
  server.veto = [
    { code: 'A', name: '社区A', pass: false, reasons: [{ rule: 'redCases', message: '有 1 件红色问题未销号' }], responsible: [{ level: 'community', unit: '社区A', person: { id: 'p1', name: '张三', title: '社区书记', phone: '123' } }, { level: 'street', unit: '五马街道', person: null }] },
    { code: 'B', name: '社区B', pass: true, reasons: [], responsible: [] },
  ];
  await dashboard(server, account('admin'));
  fireEvent.change(screen.getByTestId('project-filter-stage'), { target: { value: 'accepted' } });
  expect(screen.getAllByTestId('project-row').map((row) => row.dataset.project)).toEqual(['p2']);

  fireEvent.click(screen.getByTestId('works-tab-veto'));
  const failing = screen.getAllByTestId('veto-row').filter((row) => row.dataset.pass === 'false');
  expect(failing.map((row) => row.dataset.code)).toEqual(['A']);
  expect(failing[0]!.textContent).toContain('有 1 件红色问题未销号');
  expect(failing[0]!.textContent).toContain('社区A 张三（社区书记，123） → 五马街道 （未明确责任人）');

  server.veto = [{ ...server.veto[0]!, pass: true, reasons: [] }, server.veto[1]!];
  act(() => server.emit({ type: 'case.changed' }));
  await vi.waitFor(() => expect(screen.getByTestId('veto-counts').dataset.failing).toBe('0'));
});

test('nothing is asked of the server before the panel is opened, and a server without the works API says so', async () => {
  const app = createAppStore({ ...initialState(), server: { ...STANDALONE, mode: 'server', me: account('admin'), campaign: { id: 'c1', title: '测试活动' } } });
  const works = createWorksStore();
  const asked: string[] = [];
  const fetch = async (url: string) => (asked.push(url), new Response(JSON.stringify({ code: 'E_NOT_FOUND', message: `找不到 GET ${url}` }), { status: 404, headers: { 'content-type': 'application/json' } }));
  flows.push(connectWorks(works, app, { fetch, openEvents: fakeWorksServer().openEvents }));
  render(<WorksPanel store={app} works={works} flow={flows[0]!} />);
  await act(async () => {});
  expect(asked).toEqual([]);
  fireEvent.click(screen.getByTestId('works-toggle'));
  await vi.waitFor(() => expect(works.getState().status).toBe('unavailable'));
  expect(screen.getByTestId('works-unavailable').textContent).toBe('此活动服务器尚未提供项目、经费与责任的接口。');
});

test('the 责任清单 and its print page show what each instructor did, as the server counted it', async () => {
  const server = fakeWorksServer();
  server.instructors = [
    { id: 'i1', name: '李指导', community: 'A', homeUnit: '市测试局', start: '2026-03-01', phone: '1', username: 'zdy', activity: { visits: 3, lastVisit: '2026-05-20', reported: 2, solved: 1 } },
    { id: 'i2', name: '王指导', community: 'A', homeUnit: '市测试局', start: '2026-03-01', phone: '2', username: null, activity: null },
  ];
  await dashboard(server, account('admin'));
  fireEvent.click(screen.getByTestId('works-tab-people'));
  const shown = () => screen.getAllByTestId('instructor-activity').map((item) => item.textContent);
  expect(shown()).toEqual([' · 走访检查 3 次（最近 2026-05-20），上报问题 2 件，已销号 1 件', ' · 未关联账号，无督查记录']);
  fireEvent.click(screen.getByTestId('people-print'));
  expect(within(screen.getByTestId('works-print')).getAllByTestId('instructor-activity').map((item) => item.textContent)).toEqual(shown().slice(0, 2));
  // Dated by the server's day (the timetable's), not the browser's clock.
  expect(screen.getByTestId('works-print-as-of').textContent).toBe(`数据日期 ${server.today}（服务器）`);
});

test('the payment form is offered to the accounts the core lets pay (the 拨付 unit, an admin), and to no other, which is told who pays', async () => {
  const leader: Me = { username: 'lead', role: 'leader', scope: [] };
  for (const [me, mayPay] of [
    [unitAccount(unitOf('paid')), true],
    [account('boss'), true],
    [unitAccount(unitOf('evaluated')), false],
    [leader, false],
  ] as const) {
    const server = fakeWorksServer();
    server.projects = [project('p1', 1, { stage: 'accepted' })];
    const actor = me.role === 'admin' ? { username: me.username, role: me.role, scope: SETTINGS.adminSignsFor ? [SETTINGS.adminSignsFor] : [] } : { username: me.username, role: me.role, scope: me.scope };
    expect(mayDisburse(actor, SETTINGS)).toBe(mayPay);
    const { view } = await dashboard(server, me);
    openProjectRow('p1');
    if (mayPay) expect(screen.getByTestId('payment-form')).toBeTruthy();
    else {
      expect(screen.queryByTestId('payment-form')).toBeNull();
      expect(screen.getByTestId('payment-waiting').textContent).toBe(`经费拨付由${SETTINGS.units.find((unit) => unit.id === unitOf('paid'))!.name}或${ROLE_LABELS.admin}办理。`);
    }
    view.unmount();
    flows.splice(0).forEach((flow) => flow.dispose());
  }
});
