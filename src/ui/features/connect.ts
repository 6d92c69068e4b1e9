/**
 * 服务器模式's campaign features 工程与路线 (issue 21) in one chunk: main.tsx loads this module with
 * the remote effect and gets the store, the effect (read at once: the map draws the features) and
 * the UI the first-page components render. One dynamic import keeps the first page small.
 */
import { connectFeatures } from '../../app/effects/features.ts';
import type { Fetch } from '../../app/effects/server-api.ts';
import { createFeaturesStore } from '../../state/features-store.ts';
import type { AppStore } from '../../state/store.ts';
import { FEATURES_UI } from './index.ts';
import type { FeaturesWiring } from './wiring.ts';

export function connectFeaturesWiring(app: AppStore, fetch: Fetch): FeaturesWiring {
  const store = createFeaturesStore();
  return { store, flow: connectFeatures(store, app, { fetch }), ui: FEATURES_UI };
}
