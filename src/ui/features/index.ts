/**
 * The 工程与路线 UI (issue 21) as the other components receive it in 服务器模式 (main.tsx loads
 * this chunk with the remote effect, through connect.ts): the map layer with its tools, the layer
 * switch, the legend rows, the details' route line and the works panel's GeoJSON section. Nothing
 * else imports these modules, so they stay one chunk, off the static first page.
 */
import { FeatureMapLayer } from './FeatureMapLayer.tsx';
import { FeatureLegend, FeatureToggle, RouteLine } from './FeatureSlots.tsx';
import { FeaturesSection } from '../works/FeaturesSection.tsx';

export const FEATURES_UI = { FeatureMapLayer, FeatureLegend, FeatureToggle, RouteLine, FeaturesSection };
export type FeaturesUi = typeof FEATURES_UI;
