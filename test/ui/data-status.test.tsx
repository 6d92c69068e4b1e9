import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, test } from 'vitest';
import { describeFindings } from '../../src/core/index.ts';
import { createAppStore, initialState, type AppStore } from '../../src/state/store.ts';
import { dataLoaded } from '../../src/state/updaters.ts';
import { DataStatus } from '../../src/ui/DataStatus.tsx';
import { gridLoadResult } from '../support/load-result.ts';

let store: AppStore;

beforeEach(async () => {
  const { result } = await gridLoadResult();
  store = createAppStore(initialState());
  // A finding as buildAdjacency reports it (by graph index, at a place of its own), named as the worker sends it.
  const raw = [{ kind: 'gap' as const, units: [0, 1], message: '社区 0 与 1 之间有约 111 米长、最宽约 0.6 米的缝隙（在 1 米容差内按相邻处理）', location: [120.605, 28.001] as [number, number] }];
  store.setState((state) => dataLoaded(state, { ...result, findings: describeFindings(raw, result.dataset.boundaries.features) }));
});

describe('DataStatus', () => {
  test('data findings name the communities and clicking one moves the map there', async () => {
    render(<DataStatus store={store} />);
    const finding = screen.getByRole('button', { name: /之间有约 111 米长/ });
    expect(finding.textContent).toMatch(/^东风社区（G0_0） 与 红旗社区（G0_1） 之间有约 111 米长/);
    await userEvent.click(finding);
    const view = store.getState().view;
    expect([view.lon, view.lat]).toEqual([120.605, 28.001]);
    expect(view.zoom).toBeGreaterThanOrEqual(15);
  });
});
