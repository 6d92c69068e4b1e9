import type { AppStore } from '../state/store.ts';
import { Header } from './Header.tsx';
import { MapView } from './map/MapView.tsx';
import { SidePanel } from './panels/SidePanel.tsx';

export function App({ store }: { store: AppStore }) {
  return (
    <div className="app">
      <Header />
      <SidePanel />
      <main className="app-map" aria-label="地图">
        <MapView store={store} />
      </main>
    </div>
  );
}
