/**
 * The 工程与路线 UI (issue 21) as the first-page components receive it in 服务器模式 (main.tsx
 * loads this chunk with the remote effect): the map layer with its tools, the layer switch and the
 * legend rows.
 */
export { FeatureMapLayer } from './FeatureMapLayer.tsx';
export { FeatureLegend, FeatureToggle } from './FeatureSlots.tsx';
