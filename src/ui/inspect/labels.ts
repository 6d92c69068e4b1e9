import type { OutboxState } from '../../app/effects/outbox.ts';

/** How an outbox entry's state reads on the phone. */
export const ENTRY_STATE_LABELS: Readonly<Record<OutboxState, string>> = {
  draft: '草稿',
  queued: '待发送',
  sent: '已发送',
  rejected: '被退回',
  conflict: '待核对',
};

/** Where a problem's point came from. */
export const POINT_SOURCE_LABELS = { gps: '手机定位（在社区内）', centre: '社区中心（定位不在社区内或不可用）', map: '在地图上选定' } as const;
