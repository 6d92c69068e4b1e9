/**
 * Which column of an imported table is which field: proposed from the header names (Chinese or
 * English synonyms, the same aliases the parsers accept), editable by the user, and applied by
 * renaming headers to their canonical name before the strict parse.
 */
import { INSPECTION_COLUMNS } from '../parse/inspections.ts';
import { STATUS_COLUMNS } from '../parse/status-table.ts';
import { normalizeHeader, type Table } from '../parse/table.ts';
import { PLAN_COLUMNS } from '../parse/plan-csv.ts';

export type TableKind = 'status' | 'inspections' | 'plan';

/** A column the user can map to: its key, canonical (Chinese) header and accepted synonyms. */
export interface MappableColumn {
  key: string;
  label: string;
  aliases: readonly string[];
  required: boolean;
}

function mappable(specs: readonly { key: string; aliases: readonly string[]; required?: boolean }[]): MappableColumn[] {
  return specs.map((spec) => ({ key: spec.key, label: spec.aliases[0]!, aliases: spec.aliases, required: spec.required ?? false }));
}

/** The columns of each table kind, in file order. */
export const TABLE_COLUMNS: Record<TableKind, readonly MappableColumn[]> = {
  status: mappable(STATUS_COLUMNS),
  inspections: mappable(INSPECTION_COLUMNS),
  plan: mappable(PLAN_COLUMNS),
};

/** Per header (same order): the column key it maps to, or null when ignored. */
export type ColumnMapping = (string | null)[];

/** Proposes a mapping from header names: the first column whose synonyms match, each key once. */
export function proposeMapping(header: readonly string[], kind: TableKind): ColumnMapping {
  const used = new Set<string>();
  return header.map((name) => {
    const normalized = normalizeHeader(name);
    const column = TABLE_COLUMNS[kind].find((candidate) => !used.has(candidate.key) && candidate.aliases.some((alias) => normalizeHeader(alias) === normalized));
    if (!column) return null;
    used.add(column.key);
    return column.key;
  });
}

/** Renames mapped headers to their canonical names and hides ignored ones, so the strict parse reads the user's mapping. */
export function applyMapping(table: Table, mapping: ColumnMapping, kind: TableKind): Table {
  const columns = new Map(TABLE_COLUMNS[kind].map((column) => [column.key, column]));
  const header = table.header.map((name, i) => {
    const key = mapping[i];
    if (key === undefined) return name;
    // An ignored column keeps its name behind a marker no synonym matches.
    return key === null ? `（忽略）${name}` : (columns.get(key)?.label ?? name);
  });
  return { ...table, header };
}

/**
 * Recognises a table's kind from its header: inspections (date and score), a plan (code and
 * designation, no name), else status (code and name); undefined when none fits.
 */
export function tableKind(header: readonly string[]): TableKind | undefined {
  const has = (kind: TableKind, key: string) => proposeMapping(header, kind).includes(key);
  if (has('inspections', 'date') && has('inspections', 'score')) return 'inspections';
  if (has('plan', 'code') && has('plan', 'designated') && !has('status', 'name')) return 'plan';
  if (has('status', 'code') && has('status', 'name')) return 'status';
  return undefined;
}
