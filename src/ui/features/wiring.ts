/** The campaign features store, effect and UI of 服务器模式 (issue 21), as main.tsx hands them to the app: the UI comes with them (not on the static first page). */
import type { FeaturesFlow } from '../../app/effects/features.ts';
import type { FeaturesStore } from '../../state/features-store.ts';
import type { FeaturesUi } from './index.ts';

export interface FeaturesWiring {
  store: FeaturesStore;
  flow: FeaturesFlow;
  ui: FeaturesUi;
}
