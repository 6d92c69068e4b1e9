import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { Me } from '../../src/api/index.ts';
import type { FeaturesFlow } from '../../src/app/effects/features.ts';
import { featuresLoaded } from '../../src/state/features.ts';
import { createFeaturesStore, dispatchFeatures } from '../../src/state/features-store.ts';
import { STANDALONE } from '../../src/state/server-state.ts';
import { createAppStore, initialState } from '../../src/state/store.ts';
import { RouteLine } from '../../src/ui/features/FeatureSlots.tsx';
import { LayerPanel } from '../../src/ui/panels/LayerPanel.tsx';
import { FeaturesSection } from '../../src/ui/works/FeaturesSection.tsx';
import { storedFeature } from '../support/fake-campaign-server.ts';

const square = { type: 'Polygon' as const, coordinates: [[[120.59, 27.99], [120.62, 27.99], [120.62, 28.02], [120.59, 28.02], [120.59, 27.99]]] };

function readyFeatures() {
  const store = createFeaturesStore();
  dispatchFeatures(store, featuresLoaded, [storedFeature('f1', { name: '滨江步道' }), storedFeature('w1', { kind: 'road_work', name: '学院路改造', community: 'B' })], []);
  return store;
}

const appAs = (role: Me['role']) => createAppStore({ ...initialState(), server: { ...STANDALONE, mode: 'server', me: { username: role, role, scope: [] }, campaign: { id: 'lucheng', title: '鹿城' } } });
/** A picked file (jsdom's File has no text()). */
const picked = (name: string, body: unknown) => Object.assign(new File([JSON.stringify(body)], name), { text: async () => JSON.stringify(body) });
const flow = { importFeatures: async () => ({ ok: true, value: { features: [] } }) } as unknown as FeaturesFlow;

test('LayerPanel in 单机模式 says plainly that 工程与路线 needs the campaign server', () => {
  render(<LayerPanel store={createAppStore(initialState())} />);
  expect(screen.getByText('工程与路线图层需连接活动服务器。')).toBeTruthy();
});

describe('RouteLine', () => {
  test('says 已有 with the route naming the community, 尚无 for a community without one', () => {
    const store = readyFeatures();
    const { unmount } = render(<RouteLine store={store} community={{ code: 'A', geometry: square }} />);
    expect(screen.getByTestId('details-route').textContent).toBe('景观路线：已有（滨江步道）');
    unmount();
    render(<RouteLine store={store} community={{ code: 'B', geometry: square }} />);
    expect(screen.getByTestId('details-route').textContent).toBe('景观路线：尚无');
  });
});

describe('FeaturesSection', () => {
  test('counts each kind; a leader exports but gets no import', () => {
    render(<FeaturesSection store={appAs('leader')} features={{ store: readyFeatures(), flow }} />);
    expect(screen.getByTestId('features-counts').textContent).toBe('景观路线 1，道路工程 1，街道服务中心 0，项目点位 0');
    expect(screen.getByTestId('features-export')).toBeTruthy();
    expect(screen.queryByTestId('features-import')).toBeNull();
  });

  test("the admin's import previews what would be added and names each problem with the file", async () => {
    render(<FeaturesSection store={appAs('admin')} features={{ store: readyFeatures(), flow }} />);
    const bad = { type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28] }, properties: { kind: 'road_work', name: '错' } };
    fireEvent.change(screen.getByTestId('features-import'), { target: { files: [picked('坏.geojson', bad)] } });
    await waitFor(() => expect(screen.getByTestId('features-import-errors').textContent).toContain('坏.geojson：第 1 个要素（错）的 geometry.type：道路工程应为 LineString（线），实为 Point'));
    const good = { type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28] }, properties: { kind: 'service_centre', name: '中心', community: null } };
    fireEvent.change(screen.getByTestId('features-import'), { target: { files: [picked('好.geojson', good)] } });
    await waitFor(() => expect(screen.getByTestId('features-import-preview').textContent).toContain('好.geojson：将新增 1 个要素（街道服务中心 1）'));
  });
});
