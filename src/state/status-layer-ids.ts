/**
 * The status layers a user can choose (which community attribute colours the map). The ids are
 * state (the store, the URL and the layer panel name them); how each is drawn lives in
 * src/map/status-layers.ts.
 */
import { RED_LIGHT_WORD } from '../core/index.ts';

export type StatusLayerId = 'level' | 'demo' | 'facility' | 'score' | 'lagging' | 'grade' | 'street';

/** The layers in panel order, with their Chinese names. */
export const STATUS_LAYERS: readonly { id: StatusLayerId; label: string }[] = [
  { id: 'demo', label: '示范社区与主题' },
  { id: 'level', label: '文明社区等级' },
  { id: 'facility', label: '五室三站二栏一校一场所' },
  { id: 'score', label: '最新检查得分' },
  { id: 'lagging', label: `${RED_LIGHT_WORD}社区（任一规则）` },
  { id: 'grade', label: '红黄绿分级（严重 / 未达标 / 达标）' },
  { id: 'street', label: '所属街道' },
];

export const STATUS_LAYER_IDS: readonly StatusLayerId[] = STATUS_LAYERS.map((layer) => layer.id);
