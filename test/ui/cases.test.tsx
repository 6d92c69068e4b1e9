import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import type { Me } from '../../src/api/index.ts';
import { connectCases, type CasesFlow } from '../../src/app/effects/cases.ts';
import { allowedTransitions, CASE_COLOUR_LABELS } from '../../src/core/index.ts';
import { createCasesStore, type CasesStore } from '../../src/state/cases-store.ts';
import { STANDALONE } from '../../src/state/server-state.ts';
import { createAppStore, initialState } from '../../src/state/store.ts';
import { CasePage } from '../../src/ui/cases/CasePage.tsx';
import { CasesPanel } from '../../src/ui/cases/CasesPanel.tsx';
import { fakeCasesServer, type FakeCasesServer } from '../support/fake-cases-server.ts';
import { gridLoadResult } from '../support/load-result.ts';
import { dataLoaded } from '../../src/state/updaters.ts';

const flows: CasesFlow[] = [];
afterEach(() => flows.splice(0).forEach((flow) => flow.dispose()));

const ADMIN: Me = { username: 'admin', role: 'admin', scope: [] };
const STREET: Me = { username: 'street1', role: 'street', scope: ['S1'] };
const CHENGGUAN: Me = { username: 'cg', role: 'department', scope: ['chengguan'] };

/** The cases UI of a dashboard signed in as `me` on the fake server. */
async function dashboard(server: FakeCasesServer, me: Me) {
  server.user = me;
  const app = createAppStore({ ...initialState(), server: { ...STANDALONE, mode: 'server', me, campaign: { id: 'c1', title: '测试活动' } } });
  const cases: CasesStore = createCasesStore();
  const flow = connectCases(cases, app, { fetch: server.fetch, openEvents: server.openEvents });
  flows.push(flow);
  render(
    <>
      <CasesPanel store={app} cases={cases} flow={flow} />
      <CasePage store={app} cases={cases} flow={flow} />
    </>,
  );
  await vi.waitFor(() => expect(screen.getByTestId('cases-panel').dataset.status).toBe('ready'));
  return { app, cases, flow };
}

const rows = () => screen.queryAllByTestId('case-row');
const openRow = (number: number) => fireEvent.click(within(rows().find((row) => row.dataset.number === String(number))!).getByRole('button'));

test('CasesPanel lists each case with its number, community, state, colour and deadline, counts them and filters by state and colour', async () => {
  const server = fakeCasesServer(null);
  const admin = { username: 'admin', role: 'admin' as const, scope: [] };
  const first = server.report('A', 'sanitation', '垃圾未清');
  server.report('B', 'posting', '小广告');
  server.moveAs(admin, first.id, { to: 'registered' });
  server.moveAs(admin, first.id, { to: 'assigned' });
  // Due within two working days of the deadline: blue.
  server.now = new Date('2002-06-07T02:00:00Z');
  await dashboard(server, ADMIN);
  expect(rows().map((row) => row.dataset.number)).toEqual(['2', '1']);
  const one = rows()[1]!;
  expect(one.textContent).toContain('第 1 号');
  expect(one.textContent).toContain('社区A');
  expect(one.textContent).toContain('交办');
  expect(one.textContent).toContain('期限 2002年6月10日');
  expect(within(one).getByTestId('case-colour').textContent).toBe(CASE_COLOUR_LABELS.blue);
  expect(within(rows()[0]!).queryByTestId('case-colour')).toBeNull();
  expect(screen.getByTestId('case-counts').textContent).toContain('共 2 件，未销号 2 件');
  expect(screen.getByTestId('count-blue').dataset.count).toBe('1');

  fireEvent.change(screen.getByTestId('case-filter-state'), { target: { value: 'reported' } });
  expect(rows().map((row) => row.dataset.number)).toEqual(['2']);
  fireEvent.change(screen.getByTestId('case-filter-state'), { target: { value: '' } });
  fireEvent.click(screen.getByTestId('count-blue'));
  expect(rows().map((row) => row.dataset.number)).toEqual(['1']);
  expect(screen.getByTestId('cases-shown').textContent).toBe('筛选后 1 件（共 2 件）');
});

test('the case page offers the transitions the core allows the role, sends one with its note and shows it on the timeline', async () => {
  const server = fakeCasesServer(null);
  const record = server.report('A', 'sanitation', '垃圾未清');
  await dashboard(server, ADMIN);
  openRow(1);
  const page = screen.getByTestId('case-content');
  const buttons = [...page.querySelectorAll<HTMLButtonElement>('button[data-testid^="transition-"]')];
  expect(buttons.map((button) => button.dataset.testid)).toEqual(allowedTransitions(record, ADMIN).map((to) => `transition-${to}`));
  fireEvent.change(within(page).getByTestId('transition-note'), { target: { value: '属实，立案' } });
  await act(async () => fireEvent.click(within(page).getByTestId('transition-registered')));
  await vi.waitFor(() => expect(screen.getByTestId('case-content').dataset.state).toBe('registered'));
  const events = screen.getAllByTestId('case-event');
  expect(events.map((event) => event.dataset.transition)).toEqual(['reported', 'registered']);
  expect(events[1]!.textContent).toContain('admin');
  expect(events[1]!.textContent).toContain('属实，立案');
  expect(screen.getByTestId('transition-note')).toHaveProperty('value', '');
  expect(server.cases.get(record.id)!.state).toBe('registered');
});

test('a transition the server refuses (the case left the street’s scope meanwhile, live events lost) shows the server’s message and keeps the note', async () => {
  const server = fakeCasesServer(null);
  const admin = { username: 'admin', role: 'admin' as const, scope: [] };
  const record = server.report('A', 'sanitation');
  server.moveAs(admin, record.id, { to: 'registered' });
  server.moveAs(admin, record.id, { to: 'assigned' });
  await dashboard(server, STREET);
  openRow(1);
  expect(screen.getByTestId('transition-in_progress')).toBeTruthy();
  server.delivering = false;
  server.moveAs(admin, record.id, { to: 'assigned', unit: { kind: 'department', id: 'chengguan' } });
  fireEvent.change(screen.getByTestId('transition-note'), { target: { value: '已安排人员清理' } });
  await act(async () => fireEvent.click(screen.getByTestId('transition-in_progress')));
  await vi.waitFor(() => expect(screen.getByTestId('transition-message').textContent).toBe('问题第 1 号不在您的负责范围内，不能「开始整改」'));
  expect(screen.getByTestId('transition-message').getAttribute('role')).toBe('alert');
  expect(screen.getByTestId('transition-note')).toHaveProperty('value', '已安排人员清理');
});

test('another user’s change and a new inspection’s case appear in an open dashboard without a reload', async () => {
  const server = fakeCasesServer(null);
  const admin = { username: 'admin2', role: 'admin' as const, scope: [] };
  const record = server.report('A', 'sanitation');
  await dashboard(server, { username: 'leader', role: 'leader', scope: [] });
  openRow(1);
  act(() => void server.moveAs(admin, record.id, { to: 'registered', note: '立案' }));
  await vi.waitFor(() => expect(screen.getByTestId('case-content').dataset.state).toBe('registered'));
  expect(rows()[0]!.dataset.state).toBe('registered');
  act(() => void server.report('B', 'posting', '新发现'));
  await vi.waitFor(() => expect(rows().map((row) => row.dataset.number)).toEqual(['2', '1']));
  // A leader only reads: no buttons.
  expect(screen.getByTestId('case-no-transitions')).toBeTruthy();
});

test('a department sees only its cases and its referral slips 抄告单, each with its PDF link; another department’s case does not arrive live', async () => {
  const server = fakeCasesServer(null);
  const admin = { username: 'admin', role: 'admin' as const, scope: [] };
  const building = server.report('A', 'building', '违章搭建');
  const parking = server.report('B', 'parking', '乱停车');
  for (const record of [building, parking]) {
    server.moveAs(admin, record.id, { to: 'registered' });
    server.moveAs(admin, record.id, { to: 'assigned' });
  }
  await dashboard(server, CHENGGUAN);
  expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('本部门的问题与抄告单');
  expect(rows().map((row) => row.dataset.case)).toEqual([building.id]);
  const slips = screen.getAllByTestId('referral-slip');
  expect(slips.map((slip) => slip.dataset.number)).toEqual(['鹿创抄〔2002〕第 1 号']);
  expect(within(slips[0]!).getByTestId('referral-pdf').getAttribute('href')).toBe(`/api/campaigns/c1/cases/${building.id}/referral.pdf`);

  // The other department's case changes: the event reaches every viewer, the list stays this department's.
  act(() => void server.moveAs({ username: 'gongan', role: 'department', scope: ['gongan'] }, parking.id, { to: 'in_progress' }));
  act(() => void server.moveAs({ username: 'cg', role: 'department', scope: ['chengguan'] }, building.id, { to: 'in_progress', note: '已开始拆除' }));
  await vi.waitFor(() => expect(rows()[0]!.dataset.state).toBe('in_progress'));
  expect(rows().map((row) => row.dataset.case)).toEqual([building.id]);

  // A new case referred to this department arrives live; reassigned to another department, it leaves the list and its open page closes.
  const second = server.report('A', 'building', '又一处违建');
  act(() => void server.moveAs(admin, second.id, { to: 'registered' }));
  act(() => void server.moveAs(admin, second.id, { to: 'assigned' }));
  await vi.waitFor(() => expect(rows().map((row) => row.dataset.case)).toEqual([second.id, building.id]));
  await vi.waitFor(() => expect(screen.getAllByTestId('referral-slip')).toHaveLength(2));
  openRow(second.number);
  expect(screen.getByTestId('case-content').dataset.case).toBe(second.id);
  act(() => void server.moveAs(admin, second.id, { to: 'assigned', unit: { kind: 'department', id: 'gongan' } }));
  await vi.waitFor(() => expect(rows().map((row) => row.dataset.case)).toEqual([building.id]));
  expect(screen.queryByTestId('case-content')).toBeNull();
});

test('the lagging report grades with the cases an account sees whole (read at the end of the server’s day, kept live); a department’s part is not used', async () => {
  const server = fakeCasesServer(null);
  server.report('A', 'sanitation');
  const { app } = await dashboard(server, { username: 'leader', role: 'leader', scope: [] });
  // 2002-06-03T02:00Z is 10:00 in China; the day ends at 23:59:59.999 China time.
  expect(app.getState().supervisionCases).toMatchObject({ now: '2002-06-03T15:59:59.999Z' });
  expect(app.getState().supervisionCases!.cases.map((item) => item.id)).toEqual(['case-1']);
  act(() => void server.report('B', 'posting', '新发现'));
  await vi.waitFor(() => expect(app.getState().supervisionCases!.cases.map((item) => item.id)).toEqual(['case-2', 'case-1']));
  cleanup();

  const department = await dashboard(server, CHENGGUAN);
  expect(department.app.getState().supervisionCases).toBeNull();
});

test('an admin schedules a round for the communities of a street and its inspectors; the server’s refusal shows in Chinese; a leader gets no form', async () => {
  const server = fakeCasesServer(null);
  server.user = ADMIN;
  const { result } = await gridLoadResult();
  const app = createAppStore({ ...initialState(), server: { ...STANDALONE, mode: 'server', me: ADMIN, campaign: { id: 'c1', title: '测试活动' } } });
  app.setState((state) => dataLoaded(state, result));
  const cases = createCasesStore();
  const flow = connectCases(cases, app, { fetch: server.fetch, openEvents: server.openEvents });
  flows.push(flow);
  render(<CasesPanel store={app} cases={cases} flow={flow} />);
  await vi.waitFor(() => expect(screen.getByTestId('cases-panel').dataset.status).toBe('ready'));
  const form = screen.getByTestId('round-form');
  expect(within(form).getByTestId<HTMLButtonElement>('round-submit').disabled).toBe(true);
  const street = within(form).getByTestId<HTMLSelectElement>('round-street');
  fireEvent.change(street, { target: { value: street.options[1]!.value } });
  const codes = [...within(form).getByTestId('round-communities').querySelectorAll('input')].map((input) => input.dataset.code);
  expect(codes.length).toBeGreaterThan(0);
  // One community left out; an account that is not an inspector: the server refuses and says why.
  fireEvent.click(within(form).getByTestId('round-communities').querySelector('input')!);
  fireEvent.change(within(form).getByTestId('round-start'), { target: { value: '2002-06-03' } });
  fireEvent.change(within(form).getByTestId('round-inspectors'), { target: { value: 'nobody' } });
  await act(async () => fireEvent.click(within(form).getByTestId('round-submit')));
  await vi.waitFor(() => expect(within(form).getByTestId('round-message').textContent).toBe('以下账号不存在或不是督查员：nobody'));
  expect(within(form).getByTestId('round-message').getAttribute('role')).toBe('alert');
  fireEvent.change(within(form).getByTestId('round-inspectors'), { target: { value: 'inspector1' } });
  await act(async () => fireEvent.click(within(form).getByTestId('round-submit')));
  await vi.waitFor(() => expect(screen.getAllByTestId('round-row')).toHaveLength(1));
  const posted = cases.getState().rounds[0]!;
  expect(posted).toMatchObject({ kind: 'weekly', start: '2002-06-03', end: '2002-06-03', communities: codes.slice(1), inspectors: ['inspector1'], createdBy: 'admin' });
  expect(screen.getAllByTestId('round-row')[0]!.textContent).toContain(`周查 · ${posted.title} · 2002-06-03 · ${codes.length - 1} 个社区 · 督查员 inspector1`);
  cleanup();

  await dashboard(server, { username: 'leader', role: 'leader', scope: [] });
  expect(screen.queryByTestId('rounds-section')).toBeNull();
});
