import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, test } from 'vitest';
import { applyTransition, GRADES, gradeSummary, laggingReport, laggingTerms, reportCase, type CaseRecord, type Dataset } from '../../src/core/index.ts';
import { createAppStore, initialState, type AppStore } from '../../src/state/store.ts';
import { selectLaggingReport } from '../../src/state/selectors.ts';
import { dataLoaded, supervisionCasesRead } from '../../src/state/updaters.ts';
import { AsOfSlider } from '../../src/ui/lagging/AsOfSlider.tsx';
import { BudgetChart } from '../../src/ui/charts/BudgetChart.tsx';
import { CommunityRanking } from '../../src/ui/lagging/CommunityRanking.tsx';
import { FacilityMatrix } from '../../src/ui/lagging/FacilityMatrix.tsx';
import { GradeSummary } from '../../src/ui/lagging/GradeSummary.tsx';
import { StreetSummary } from '../../src/ui/lagging/StreetSummary.tsx';
import { UnitStandings } from '../../src/ui/lagging/UnitStandings.tsx';
import { StreetRanking } from '../../src/ui/lagging/StreetRanking.tsx';
import { TargetGauges } from '../../src/ui/charts/TargetGauges.tsx';
import { TimelineChart } from '../../src/ui/charts/TimelineChart.tsx';
import { TrendChart } from '../../src/ui/charts/TrendChart.tsx';
import { MapTooltip } from '../../src/ui/map/MapTooltip.tsx';
import { gridLoadResult } from '../support/load-result.ts';

let store: AppStore;
let dataset: Dataset;

beforeEach(async () => {
  const { result } = await gridLoadResult();
  // Money for the budget chart: the four corner (demo) communities, half of it spent in 甲街道.
  result.dataset.status = result.dataset.status.map((row) => (row && row.demo ? { ...row, budgetAllocatedWan: 100, budgetSpentWan: 50 } : row));
  // The load's lagging report (made in the session) is of the data as loaded: made again for the changed status.
  result.lagging = laggingReport(result.dataset);
  dataset = result.dataset;
  store = createAppStore(initialState());
  store.setState((state) => dataLoaded(state, result));
});

const marks = (container: Element, selector: string) => container.querySelectorAll(selector).length;

describe('StreetRanking', () => {
  test('draws one bar per street in the core\'s order with its score and flag, on a scale where the longer bar is the higher score', () => {
    render(<StreetRanking store={store} />);
    const core = laggingReport(dataset).streets;
    const rows = [...screen.getByTestId('street-ranking').querySelectorAll('[data-street-code]')];
    expect(rows.map((row) => [row.getAttribute('data-street-code'), Number(row.getAttribute('data-score')), row.getAttribute('data-lagging')])).toEqual(
      core.map((street) => [street.code, street.score, String(street.lagging)]),
    );
    const widths = rows.map((row) => Number(row.querySelector('rect.bar')!.getAttribute('width')));
    expect(widths[0]!).toBeLessThan(widths[1]!);
    expect(marks(screen.getByTestId('street-ranking'), '.threshold line')).toBe(1);
  });

  test('clicking a street selects it (the street filter) and clicking it again clears it', async () => {
    render(<StreetRanking store={store} />);
    const first = screen.getByTestId('street-ranking').querySelector('[data-street-code]')!;
    await userEvent.click(first);
    expect(store.getState().filters.street).toBe(first.getAttribute('data-street-code'));
    expect(first.getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(first);
    expect(store.getState().filters.street).toBeNull();
  });
});

describe('AsOfSlider', () => {
  test('moving the slider to the first round sets asof and the ranking shows that round\'s scores', () => {
    render(
      <>
        <AsOfSlider store={store} />
        <StreetRanking store={store} />
      </>,
    );
    fireEvent.change(screen.getByTestId('asof-slider'), { target: { value: '0' } });
    expect(store.getState().asOf).toBe('2002-05-06');
    const scores = [...screen.getByTestId('street-ranking').querySelectorAll('[data-street-code]')].map((row) => Number(row.getAttribute('data-score')));
    expect(scores).toEqual(laggingReport(dataset, { asOf: '2002-05-06' }).streets.map((street) => street.score));
    fireEvent.change(screen.getByTestId('asof-slider'), { target: { value: '1' } });
    expect(store.getState().asOf).toBeNull();
  });
});

describe('charts', () => {
  test('TrendChart draws one dot per round for the district, and a second series for a selected street', () => {
    const { container } = render(<TrendChart store={store} />);
    expect(marks(container, '[data-series="district"] .dot')).toBe(2);
    expect(marks(container, '.series')).toBe(1);
    act(() => store.setState({ filters: { ...store.getState().filters, street: '乙街道' } }));
    expect(marks(container, '.series')).toBe(2);
    expect(marks(container, '.reference')).toBe(1);
  });

  test('TargetGauges draws one gauge per target with its value arc', () => {
    const { container } = render(<TargetGauges store={store} />);
    expect(marks(container, 'figure.gauge')).toBe(4);
    expect(marks(container, 'path.value')).toBe(4);
    expect(container.querySelector('[data-target="demo"]')!.textContent).toContain('4');
  });

  test('BudgetChart draws two bars per street with money allocated, taller for allocated than spent', () => {
    const { container } = render(<BudgetChart store={store} />);
    expect(marks(container, 'rect.bar')).toBe(4);
    const heights = [...container.querySelectorAll('rect.bar')].map((bar) => Number(bar.getAttribute('height')));
    expect(heights[0]!).toBeCloseTo(2 * heights[1]!);
  });

  test('TimelineChart draws the deadlines up to the next one and names the later ones under the axis, one mark per round kind, with the countdown', () => {
    const { container } = render(<TimelineChart store={store} />);
    const next = laggingReport(dataset).timeline.next!;
    const later = dataset.config.deadlines.filter((deadline) => deadline.date > next.date);
    expect(marks(container, '.event.deadline')).toBe(dataset.config.deadlines.length - later.length);
    for (const deadline of later) expect(screen.getByTestId('timeline-later').textContent).toContain(deadline.label);
    expect(marks(container, '.event.weekly')).toBe(2);
    expect(screen.getByTestId('lagging-countdown').getAttribute('data-days-left')).toBe('48');
  });
});

describe('FacilityMatrix', () => {
  test('shows every community × 12 items with the missing ones marked, and sorts by an item', async () => {
    render(<FacilityMatrix store={store} />);
    const table = screen.getByTestId('facility-matrix');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(9);
    expect(rows.every((row) => row.querySelectorAll('td.cell').length === 12)).toBe(true);
    const missing = table.querySelectorAll('td.cell.missing').length;
    expect(missing).toBe(laggingReport(dataset).communities.reduce((sum, community) => sum + community.missingFacilities.length, 0));
    await userEvent.click(within(table).getByRole('button', { name: '警务室' }));
    const firstRow = within(table).getAllByRole('row')[1]!;
    expect(firstRow.querySelector('td.cell[title*="社区警务室"]')!.getAttribute('data-missing')).toBe('true');
  });
});

describe('lists and tooltip', () => {
  test('CommunityRanking lists the worst communities first, each with its reasons', () => {
    render(<CommunityRanking store={store} count={3} />);
    const core = laggingReport(dataset);
    const items = within(screen.getByTestId('community-bottom')).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-code'))).toEqual(core.ranking.slice(0, 3).map((index) => core.communities[index]!.code));
    expect(items[0]!.textContent).toContain(core.communities[core.ranking[0]!]!.reasons[0]!);
  });

  test('MapTooltip shows the name, the score and every reason', () => {
    const assessment = laggingReport(dataset).communities[0]!;
    render(<MapTooltip assessment={assessment} point={{ x: 10, y: 10 }} />);
    const tooltip = screen.getByTestId('map-tooltip');
    expect(tooltip.textContent).toContain(assessment.name);
    for (const reason of assessment.reasons) expect(tooltip.textContent).toContain(reason);
  });

  test('MapTooltip says 未亮红灯 for a community failing no rule: the word of the red light, not a bare 落后 (issue 16)', () => {
    const fine = laggingReport(dataset).communities.find((community) => !community.lagging)!;
    render(<MapTooltip assessment={{ ...fine, reasons: [] }} point={{ x: 10, y: 10 }} />);
    expect(screen.getByTestId('map-tooltip').textContent).toContain('未亮红灯');
    expect(screen.getByTestId('map-tooltip').textContent).not.toMatch(/落后/);
  });
});

describe('grades 红黄绿 (issue 20)', () => {
  test('GradeSummary shows the core\'s count per grade, how the red lights split, and each grade\'s rule', () => {
    render(<GradeSummary store={store} />);
    const core = laggingReport(dataset);
    const summary = gradeSummary(core, dataset.config);
    for (const grade of GRADES) {
      expect(screen.getByTestId(`grade-count-${grade}`).textContent).toBe(String(core.grades.communities[grade]));
      expect(screen.getByTestId('grade-summary').textContent).toContain(summary.terms[grade].rule);
    }
    expect(screen.getByTestId('grade-split').textContent).toContain(summary.split);
  });

  test('StreetRanking marks each street with its grade and StreetSummary names the grade with its reasons', () => {
    const core = laggingReport(dataset);
    render(<StreetRanking store={store} />);
    const rows = [...screen.getByTestId('street-ranking').querySelectorAll('[data-street-code]')];
    expect(rows.map((row) => row.getAttribute('data-grade'))).toEqual(core.streets.map((street) => street.grade));
    render(<StreetSummary store={store} />);
    expect(screen.getByTestId('street-grade').getAttribute('data-grade')).toBe(core.district.grade);
    for (const reason of core.district.gradeReasons) expect(screen.getByTestId('street-grade-reasons').textContent).toContain(reason.text);
  });

  test('StreetSummary counts the red lights under the word 亮红灯 with its rule (not 落后社区, the word of a street under the line; issue 16)', () => {
    render(<StreetSummary store={store} />);
    const summary = screen.getByTestId('street-summary');
    const term = laggingTerms(dataset.config).community;
    const label = [...summary.querySelectorAll('dt')].find((dt) => dt.nextElementSibling?.getAttribute('data-testid') === 'street-lagging-count')!;
    expect(label.textContent).toBe(`${term.word}社区`);
    expect(label.getAttribute('title')).toBe(term.rule);
    expect(summary.textContent).not.toMatch(/落后社区/);
  });

  test('UnitStandings stays hidden without cases (a file campaign has none)', () => {
    const { container } = render(<UnitStandings store={store} />);
    expect(container.textContent).toBe('');
  });
});

describe('with a server campaign\'s cases', () => {
  /** A case of the grid's first community, assigned on 2002-05-14 and never fixed: long overdue (red) on 2002-06-03. */
  function overdueCase(): CaseRecord {
    const settings = dataset.config.supervision;
    const first = dataset.boundaries.features[0]!;
    const street = laggingReport(dataset).communities[0]!.streetCode;
    const admin = { username: 'admin', role: 'admin' as const, scope: [] };
    let record = reportCase({ id: 'k1', number: 1, community: first.id, street, category: 'sanitation', note: '垃圾未清', lon: null, lat: null, photos: [], inspectionId: null, roundId: null }, 'insp', new Date('2002-05-14T01:00:00Z'), settings);
    for (const to of ['registered', 'assigned'] as const) {
      const moved = applyTransition(record, { to }, admin, new Date('2002-05-14T02:00:00Z'), settings);
      if (!moved.ok) throw new Error(moved.error.message);
      record = moved.case;
    }
    return record;
  }

  test('UnitStandings ranks the street with the red case and names it; the community with it is graded red, as the core grades it', () => {
    const record = overdueCase();
    const cases = { cases: [record], now: '2002-06-03T15:59:59.999Z' };
    act(() => store.setState((state) => supervisionCasesRead(state, cases)));
    const core = laggingReport(dataset, { cases: [record], now: cases.now });
    expect(core.communities[0]!.grade).toBe('red');
    expect(selectLaggingReport(store.getState())!.communities[0]).toMatchObject({ grade: 'red', redCases: 1, openCases: 1 });
    render(<UnitStandings store={store} />);
    const row = screen.getByTestId('unit-standings').querySelector(`tr[data-unit="${record.unit.id}"]`)!;
    expect(row.className).toBe('lagging');
    expect(within(row as HTMLElement).getByTitle('第 1 号').textContent).toBe('1');
  });
});
