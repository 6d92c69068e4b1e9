import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, test } from 'vitest';
import { laggingReport } from '../../src/core/index.ts';
import { createAppStore, initialState, type AppStore } from '../../src/state/store.ts';
import { analysisReady, dataLoaded, select, toggleDesignation } from '../../src/state/updaters.ts';
import { setPlanTheme } from '../../src/state/plan-updaters.ts';
import { ClusterReport } from '../../src/ui/report/ClusterReport.tsx';
import { CommunityDetails } from '../../src/ui/details/CommunityDetails.tsx';
import { FilterPanel } from '../../src/ui/panels/FilterPanel.tsx';
import { LayerPanel } from '../../src/ui/panels/LayerPanel.tsx';
import { LinkNotice } from '../../src/ui/LinkNotice.tsx';
import { PlanningPanel } from '../../src/ui/panels/PlanningPanel.tsx';
import { SearchBox } from '../../src/ui/panels/SearchBox.tsx';
import type { AnalysisSession } from '../../src/worker/session.ts';
import { gridLoadResult } from '../support/load-result.ts';

let store: AppStore;
let session: AnalysisSession;

beforeEach(async () => {
  const loaded = await gridLoadResult();
  session = loaded.session;
  store = createAppStore(initialState());
  store.setState((state) => dataLoaded(state, loaded.result));
});

/** Answers the current plan and goal as the app does: one `whatIf` request, one store update. */
async function analyzeCurrentPlan() {
  const { plan, goal } = store.getState();
  const result = await session.handle('whatIf', { designated: plan.designated, goalMembers: goal, zoneWidthMeters: 60 });
  act(() => store.setState((state) => analysisReady(state, result, plan.designated, goal)));
}

describe('LayerPanel', () => {
  test('choosing a layer makes it the active one', async () => {
    render(<LayerPanel store={store} />);
    await userEvent.click(screen.getByRole('radio', { name: '最新检查得分' }));
    expect(store.getState().layer).toBe('score');
    expect((screen.getByRole('radio', { name: '最新检查得分' }) as HTMLInputElement).checked).toBe(true);
  });

  test('overlay checkboxes switch the 连线成片 overlays', async () => {
    render(<LayerPanel store={store} />);
    await userEvent.click(screen.getByRole('checkbox', { name: '相邻联动区域' }));
    expect(store.getState().overlays.zones).toBe(false);
  });
});

describe('SearchBox', () => {
  test('typing a name lists it and Enter selects it', async () => {
    render(<SearchBox store={store} />);
    await userEvent.type(screen.getByRole('combobox', { name: '搜索社区名称或代码' }), '解放');
    expect(screen.getByRole('option').textContent).toContain('解放社区');
    await userEvent.keyboard('{Enter}');
    expect(store.getState().selected).toBe(2);
  });

  test('a code prefix finds the community', async () => {
    render(<SearchBox store={store} />);
    await userEvent.type(screen.getByRole('combobox'), 'G2_1');
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([expect.stringContaining('和平社区')]);
  });
});

describe('FilterPanel', () => {
  test('a street filter reports how many communities match', async () => {
    render(<FilterPanel store={store} />);
    await userEvent.selectOptions(screen.getByLabelText('街道（镇）'), '乙街道');
    expect(screen.getByTestId('filter-count').textContent).toContain('符合条件 3 个社区');
    await userEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    expect(store.getState().filters.street).toBeNull();
  });
});

describe('ClusterReport', () => {
  test('shows the verdict in patches and isolated points, counts as data attributes and the suggestions as routes', async () => {
    render(<ClusterReport store={store} />);
    await analyzeCurrentPlan();
    const summary = screen.getByTestId('cluster-summary');
    // data-cluster-count is the CLI's `clusters` array (isolated points included); data-patch-count counts patches of 2 or more.
    expect(summary.dataset.clusterCount).toBe('4');
    expect(summary.dataset.patchCount).toBe('0');
    expect(summary.dataset.isolatedCount).toBe('4');
    expect(screen.getByTestId('verdict').textContent).toBe('尚未连线成片：4 个示范社区分为 4 个孤立点');
    // Four corners of a 3 × 3 grid join through the centre cross: three or more bridges, in routes that list each once.
    expect(Number(summary.dataset.bridgeCount)).toBeGreaterThanOrEqual(3);
    const routes = within(screen.getByTestId('bridge-list')).getAllByTestId('route-option');
    expect(routes.flatMap((route) => route.dataset.nodes!.split(',')).length).toBe(Number(summary.dataset.bridgeCount));
  });

  test('choosing two isolated points as the goal shows the routes that join only them; adopting one makes a patch', async () => {
    render(<ClusterReport store={store} />);
    await analyzeCurrentPlan();
    const options = screen.getAllByTestId('goal-option');
    await userEvent.click(options[0]!);
    await userEvent.click(options[1]!);
    await analyzeCurrentPlan();
    const goalRoutes = within(screen.getByTestId('goal-routes')).getAllByTestId('route-option');
    expect(goalRoutes.map((route) => route.dataset.joins)).toEqual(['0,1']);
    // The pair list shows only the goal's pair: its best route and the alternatives.
    expect([...screen.getByTestId('pair-routes').querySelectorAll('[data-pair]')].map((item) => item.getAttribute('data-pair'))).toEqual(['0-1']);
    await userEvent.click(within(goalRoutes[0]!).getByTestId('adopt-route'));
    await analyzeCurrentPlan();
    expect(screen.getByTestId('cluster-summary').dataset.patchCount).toBe('1');
    expect(screen.getByTestId('cluster-summary').dataset.clusterCount).toBe('3');
  });

  test('while the answer to a change is pending, the report says 计算中 and keeps the last answer whole (issue 15: no new plan with the old verdict)', async () => {
    render(<ClusterReport store={store} />);
    await analyzeCurrentPlan();
    const verdict = screen.getByTestId('verdict').textContent;
    const summary = screen.getByTestId('cluster-summary');
    expect(summary.getAttribute('aria-busy')).toBe('false');
    act(() => store.setState((state) => toggleDesignation(state, 1)));
    expect(summary.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('answer-pending').textContent).toContain('计算中');
    // Old verdict and its own counts, not the new designated count with the old clusters.
    expect(screen.getByTestId('verdict').textContent).toBe(verdict);
    expect(summary.dataset.demoCount).toBe('4');
    await analyzeCurrentPlan();
    expect(summary.getAttribute('aria-busy')).toBe('false');
    expect(screen.queryByTestId('answer-pending')).toBeNull();
    expect(summary.dataset.demoCount).toBe('5');
    expect(screen.getByTestId('target-line').textContent).toBe(store.getState().planAnswer!.result.target.summary);
  });

  test('"全部采纳" designates every suggested community as one undoable step', async () => {
    render(<ClusterReport store={store} />);
    await analyzeCurrentPlan();
    const before = store.getState().plan.past.length;
    await userEvent.click(screen.getByTestId('apply-all-bridges'));
    await analyzeCurrentPlan();
    expect(store.getState().plan.past.length).toBe(before + 1);
    expect(screen.getByTestId('verdict').textContent).toMatch(/^已实现连线成片/);
    expect(screen.getByTestId('cluster-summary').dataset.clusterCount).toBe('1');
  });

  test('lists the designated communities that lag, with the core\'s reasons (issue 9: 马鞍池 was not mentioned)', async () => {
    render(<ClusterReport store={store} />);
    await analyzeCurrentPlan();
    const report = laggingReport(store.getState().data!.dataset);
    const expected = report.ranking.filter((index) => store.getState().plan.designated[index] === 1 && report.communities[index]!.lagging);
    expect(expected.length).toBeGreaterThan(0);
    const items = within(screen.getByTestId('lagging-demos')).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-code'))).toEqual(expected.map((index) => report.communities[index]!.code));
    expect(items[0]!.textContent).toContain(report.communities[expected[0]!]!.reasons.join('；'));
  });
});

describe('PlanningPanel', () => {
  test('undo is disabled until the plan changes, then names the change', async () => {
    render(<PlanningPanel store={store} />);
    expect((screen.getByRole('button', { name: '撤销' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => store.setState((state) => toggleDesignation(state, 4)));
    const undoButton = screen.getByRole('button', { name: '撤销' });
    expect(undoButton.getAttribute('title')).toBe('撤销：设为示范社区：团结社区');
    expect(screen.getByTestId('plan-diff').textContent).toContain('新增 1 个（团结社区）');
    await userEvent.click(undoButton);
    expect(store.getState().plan.designated[4]).toBe(0);
  });

  test('a saved scenario is listed and can be opened again', async () => {
    render(<PlanningPanel store={store} />);
    act(() => store.setState((state) => toggleDesignation(state, 4)));
    await userEvent.type(screen.getByLabelText('方案名称'), '方案一');
    await userEvent.click(screen.getByRole('button', { name: '保存方案' }));
    expect(within(screen.getByTestId('scenario-list')).getByText('方案一')).toBeTruthy();
    act(() => store.setState((state) => toggleDesignation(state, 4)));
    await userEvent.click(screen.getByRole('button', { name: '打开' }));
    expect(store.getState().plan.designated[4]).toBe(1);
  });

  test('a planned addition can be given a theme in planning mode, and a saved scenario keeps it', async () => {
    render(<PlanningPanel store={store} />);
    act(() => store.setState({ designating: true }));
    act(() => store.setState((state) => toggleDesignation(state, 4)));
    await userEvent.selectOptions(screen.getByLabelText('团结社区'), '人文精神');
    expect(store.getState().planThemes).toEqual({ G1_1: 'humanist' });
    await userEvent.type(screen.getByLabelText('方案名称'), '方案二');
    await userEvent.click(screen.getByRole('button', { name: '保存方案' }));
    expect(store.getState().scenarios[0]).toMatchObject({ name: '方案二', themes: { G1_1: 'humanist' } });
    act(() => store.setState((state) => setPlanTheme(state, 'G1_1', null)));
    await userEvent.click(screen.getByRole('button', { name: '打开' }));
    expect(store.getState().planThemes).toEqual({ G1_1: 'humanist' });
  });

  test('the planning-mode button reports its state to assistive technology', async () => {
    render(<PlanningPanel store={store} />);
    const toggle = screen.getByTestId('planning-toggle');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
  });
});

describe('CommunityDetails', () => {
  test('lists the facility checklist with what is missing and the neighbours', () => {
    render(<CommunityDetails store={store} />);
    act(() => store.setState((state) => select(state, 4)));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('团结社区');
    expect(screen.getByText(/配套设施 0\/12/)).toBeTruthy();
    expect(screen.getByText('缺 12 项')).toBeTruthy();
    expect(screen.getByText(/相邻社区（4）/)).toBeTruthy();
    expect(screen.getByTestId('score-history')).toBeTruthy();
  });
});

describe('LinkNotice', () => {
  test('a link with an unknown code shows a Chinese notice naming it until dismissed', async () => {
    const loaded = await gridLoadResult();
    const linked = createAppStore({ ...initialState(), pendingIntent: { planCodes: ['不存在的编码'] } });
    render(<LinkNotice store={linked} />);
    expect(screen.queryByTestId('link-notice')).toBeNull();
    act(() => linked.setState((state) => dataLoaded(state, loaded.result)));
    expect(screen.getByTestId('link-notice').textContent).toContain('不存在的编码');
    await userEvent.click(screen.getByRole('button', { name: '知道了' }));
    expect(screen.queryByTestId('link-notice')).toBeNull();
  });
});
