/**
 * Inspection results (inspections.csv): weekly small checks 周查, monthly big checks 月查 and
 * half-monthly bulletins 通报 (每周一小查，每月一大查，每半月通报), one row per community and round.
 */
import type { Inspection, InspectionKind, InputWarning } from '../model.ts';
import { formatCsv, readCsv, readDate, readEnum, readNumber, readRows, readText, type ColumnSpec, type Table } from './table.ts';

const KIND_SPELLINGS: Record<InspectionKind, readonly string[]> = {
  weekly: ['周查', '每周一小查', '小查', 'weekly'],
  monthly: ['月查', '每月一大查', '大查', 'monthly'],
  bulletin: ['通报', '半月通报', 'bulletin'],
};

type InspectionColumn = ColumnSpec<keyof Inspection, Inspection[keyof Inspection]>;

export const INSPECTION_COLUMNS: readonly InspectionColumn[] = [
  { key: 'date', aliases: ['检查日期', 'date', '日期'], required: true, read: readDate },
  { key: 'kind', aliases: ['检查类型', 'kind', '类型'], required: true, read: readEnum(KIND_SPELLINGS, undefined) },
  { key: 'code', aliases: ['社区代码', 'code', '代码'], required: true, read: readText(true) },
  { key: 'score', aliases: ['得分', 'score', '分数'], required: true, read: readNumber({ min: 0, max: 100, fallback: 'required' }) },
  { key: 'problemsFound', aliases: ['发现问题数', 'problems_found', '发现问题'], read: readNumber({ min: 0, integer: true, fallback: 0 }) },
  { key: 'problemsRectified', aliases: ['已整改问题数', 'problems_rectified', '已整改'], read: readNumber({ min: 0, integer: true, fallback: 0 }) },
  { key: 'note', aliases: ['检查意见', 'note', '备注'], read: readText(false) },
] as readonly InspectionColumn[];

export interface InspectionTable {
  file: string;
  /** Sorted by date, then community code. */
  rows: Inspection[];
  warnings: InputWarning[];
}

/**
 * Validates an inspections table (CSV text or an already read table). Rows dated after `today`
 * (default: the clock's date, UTC) are kept but warned about (W_FUTURE_DATE): the as-of date is
 * the latest inspection in the data, so one mistyped year would silently become the default round.
 * @throws InputError naming the file, line and column of every bad cell.
 */
export function parseInspections(input: string | Table, file = 'inspections.csv', options: { today?: string } = {}): InspectionTable {
  const table = typeof input === 'string' ? readCsv(input, file) : input;
  const { rows, warnings } = readRows<keyof Inspection, Inspection>(table, INSPECTION_COLUMNS);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const future: string[] = [];
  for (const { value, line } of rows) {
    if (value.problemsRectified > value.problemsFound) {
      warnings.push({ code: 'W_RECTIFIED_EXCEEDS_FOUND', message: `文件 ${table.file} 第 ${line} 行：已整改问题数 ${value.problemsRectified} 大于发现问题数 ${value.problemsFound}` });
    }
    if (value.date > today) future.push(`第 ${line} 行 ${value.date}`);
  }
  if (future.length > 0) {
    warnings.push({ code: 'W_FUTURE_DATE', message: `文件 ${table.file} 有 ${future.length} 行的检查日期晚于今天（${today}）：${future.slice(0, 10).join('、')}${future.length > 10 ? ' 等' : ''}；数据截至日期取最晚的检查日期，请核对是否录入有误` });
  }
  const sorted = rows.map(({ value }) => value).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { file: table.file, rows: sorted, warnings };
}

/** Writes inspections as inspections.csv with the canonical Chinese headers. */
export function formatInspections(rows: readonly Inspection[]): string {
  return formatCsv(
    INSPECTION_COLUMNS.map((column) => column.aliases[0]!),
    rows.map((row) => [row.date, KIND_SPELLINGS[row.kind][0]!, row.code, row.score, row.problemsFound, row.problemsRectified, row.note]),
  );
}
