import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { laggingReport } from '../../src/core/index.ts';
import { createAppStore, initialState } from '../../src/state/store.ts';
import { dataLoaded } from '../../src/state/updaters.ts';
import { CommunityTable } from '../../src/ui/table/CommunityTable.tsx';
import { gridLoadResult } from '../support/load-result.ts';

test('CommunityTable shows a score in red only when the score rule fails, not for a high score lagging on another rule (issue 16: a 94 in red)', async () => {
  const { result } = await gridLoadResult();
  const before = laggingReport(result.dataset);
  const high = before.communities.filter((community) => community.score !== null && community.score >= result.dataset.config.lagging.minScore!).sort((a, b) => a.score! - b.score!)[0]!;
  result.dataset.status = result.dataset.status.map((row, index) => (row && index === high.index ? { ...row, openDisorders: 99 } : row));
  const report = laggingReport(result.dataset);
  expect(report.communities[high.index]!.lagging).toBe(true);
  // The load's lagging report (made in the session) is of the data as loaded: this one is of the changed status.
  result.lagging = report;
  const store = createAppStore(initialState());
  store.setState((state) => dataLoaded(state, result));
  render(<CommunityTable store={store} />);
  const scoreCell = (code: string) => screen.getByRole('table').querySelector(`tr[data-code="${code}"]`)!.children[5]!;
  expect(scoreCell(high.code).classList.contains('low-score')).toBe(false);
  const low = report.communities.find((community) => community.rules.includes('score'));
  if (low) expect(scoreCell(low.code).classList.contains('low-score')).toBe(true);
  expect(screen.getByRole('table').querySelectorAll('td.low-score').length).toBe(report.communities.filter((community) => community.rules.includes('score')).length);
});
