import { CIVILIZED_LEVEL_LABELS, CIVILIZED_LEVELS, type CivilizedLevel } from '../../core/index.ts';
import type { StatusRow } from '../../api/index.ts';

/** A status field the server-mode editor offers, with its Chinese label. */
export type EditableField =
  | { key: 'demo'; label: string; kind: 'boolean' }
  | { key: 'level'; label: string; kind: 'level' }
  | { key: 'responsible'; label: string; kind: 'text' }
  | { key: 'openDisorders' | 'population'; label: string; kind: 'count' };

export const EDITABLE_FIELDS: readonly EditableField[] = [
  { key: 'demo', label: '示范社区（状态表）', kind: 'boolean' },
  { key: 'level', label: '文明创建等级', kind: 'level' },
  { key: 'responsible', label: '责任人', kind: 'text' },
  { key: 'openDisorders', label: '未整改「五乱」', kind: 'count' },
  { key: 'population', label: '人口', kind: 'count' },
];

export const LEVEL_OPTIONS: readonly { value: CivilizedLevel; label: string }[] = CIVILIZED_LEVELS.map((value) => ({ value, label: CIVILIZED_LEVEL_LABELS[value] }));

/** A field's value as shown. */
export function formatField(row: StatusRow, field: EditableField): string {
  const value = row[field.key];
  if (field.kind === 'boolean') return value ? '是' : '否';
  if (field.kind === 'level') return CIVILIZED_LEVEL_LABELS[value as CivilizedLevel];
  if (value === null || value === '') return '—';
  return String(value);
}
