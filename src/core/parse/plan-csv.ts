/**
 * A shared plan as the two-column CSV redistricting tools exchange: `code,designated` (社区代码,
 * 是否示范), one row per community. Read and written here so both sides agree.
 */
import type { InputWarning } from '../model.ts';
import { assertUniqueKeys, formatCsv, readBoolean, readCsv, readRows, readText, type ColumnSpec, type Table } from './table.ts';

interface PlanRow {
  code: string;
  designated: boolean;
}

export const PLAN_COLUMNS: readonly ColumnSpec<keyof PlanRow, PlanRow[keyof PlanRow]>[] = [
  { key: 'code', aliases: ['社区代码', 'code', '代码', '统计代码', '编码'], required: true, read: readText(true) },
  { key: 'designated', aliases: ['是否示范', 'designated', '精品示范社区', 'demo', '示范'], required: true, read: readBoolean },
] as readonly ColumnSpec<keyof PlanRow, PlanRow[keyof PlanRow]>[];

export interface PlanTable {
  file: string;
  /** Codes of the designated communities, in file order. */
  designated: string[];
  /** Every code in the file with its line, designated or not. */
  rows: { code: string; designated: boolean; line: number }[];
  warnings: InputWarning[];
}

/**
 * Validates a plan CSV (text or an already read table).
 * @throws InputError E_CSV, E_COLUMN, E_VALUE (designated not yes/no), E_DUPLICATE_ID.
 */
export function parsePlanCsv(input: string | Table, file = 'plan.csv'): PlanTable {
  const table = typeof input === 'string' ? readCsv(input, file) : input;
  const { rows, warnings } = readRows<keyof PlanRow, PlanRow>(table, PLAN_COLUMNS);
  assertUniqueKeys(table.file, '社区代码', rows.map(({ value, line }) => ({ key: value.code, line })));
  return {
    file: table.file,
    designated: rows.filter(({ value }) => value.designated).map(({ value }) => value.code),
    rows: rows.map(({ value, line }) => ({ ...value, line })),
    warnings,
  };
}

/** Writes a plan: every community's code with 1 (designated) or 0, in the given order. */
export function formatPlanCsv(codes: readonly string[], designated: ReadonlySet<string>): string {
  return formatCsv(['code', 'designated'], codes.map((code) => [code, designated.has(code) ? 1 : 0]));
}
