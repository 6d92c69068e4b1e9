import { act, render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { createAppStore, initialState } from '../../src/state/store.ts';
import { dataLoaded } from '../../src/state/updaters.ts';
import { Header } from '../../src/ui/Header.tsx';
import { gridLoadResult } from '../support/load-result.ts';

test('Header shows the campaign title, the data date and the countdown to the next deadline', async () => {
  const store = createAppStore(initialState());
  render(<Header store={store} />);
  expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('精品示范社区创建');
  const { result } = await gridLoadResult();
  act(() => store.setState((state) => dataLoaded(state, result)));
  expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('鹿城区精品示范社区创建看板');
  // The data's date is the latest inspection (2002-05-13), never the wall clock.
  expect(screen.getByTestId('as-of').textContent).toBe('数据截至 2002年5月13日');
  expect(screen.getByTestId('countdown').dataset.daysLeft).toBe('48');
  expect(screen.getByTestId('countdown').textContent).toContain('距「建成精品示范社区」还有 48 天');
});
