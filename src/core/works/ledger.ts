/**
 * The funds ledger (issue 21): one row per funding source and street with what is allocated,
 * committed (budgets of projects past 审核), disbursed and spent, and the lag warning of the
 * settings' rule (a street whose spent / allocated is below the share with few days left).
 */
import { daysBetween } from '../dataset.ts';
import { disbursedWan, stageIndex, type WorksSettings } from './projects.ts';
import type { Allocation, LedgerRow, ProjectRecord } from './types.ts';

const key = (source: string, street: string | null) => `${source}\u0000${street ?? ''}`;

/** What the lag rule reads: the deadline's label and date, today, and street names for the message. */
export interface LagContext {
  today: string;
  deadline: { label: string; date: string } | null;
  streetName?: (code: string) => string;
}

/**
 * The ledger: a row for every allocation and every (source, street) a project counts under,
 * sorted by source then street. Sums over the rows equal the projects' and allocations' sums.
 */
export function ledgerRows(projects: readonly ProjectRecord[], allocations: readonly Allocation[], lag: WorksSettings['lag'], context: LagContext): LedgerRow[] {
  const rows = new Map<string, LedgerRow>();
  const row = (source: string, street: string | null): LedgerRow => {
    let found = rows.get(key(source, street));
    if (!found) rows.set(key(source, street), (found = { source, street, allocatedWan: 0, committedWan: 0, disbursedWan: 0, spentWan: 0, lagging: false, warning: null }));
    return found;
  };
  for (const allocation of allocations) row(allocation.source, allocation.street).allocatedWan += allocation.allocatedWan;
  for (const project of projects) {
    const target = row(project.source, project.street);
    if (stageIndex(project.stage) >= stageIndex('reviewed')) target.committedWan += project.budgetWan;
    target.disbursedWan += disbursedWan(project);
    target.spentWan += project.spentWan;
  }
  const list = [...rows.values()].sort((a, b) => a.source.localeCompare(b.source) || (a.street ?? '').localeCompare(b.street ?? ''));
  const daysLeft = context.deadline ? daysBetween(context.today, context.deadline.date) : null;
  if (context.deadline && daysLeft !== null && daysLeft >= 0 && daysLeft <= lag.withinDays) {
    const streets = new Map<string, { allocated: number; spent: number }>();
    for (const item of list) {
      if (item.street === null) continue;
      const total = streets.get(item.street) ?? { allocated: 0, spent: 0 };
      total.allocated += item.allocatedWan;
      total.spent += item.spentWan;
      streets.set(item.street, total);
    }
    for (const [street, total] of streets) {
      if (total.allocated <= 0 || total.spent / total.allocated >= lag.minSpentShare) continue;
      const name = context.streetName?.(street) ?? street;
      const warning = `${name}已使用 ${total.spent.toFixed(1)} 万元，占已下达 ${total.allocated.toFixed(1)} 万元的 ${Math.round((total.spent / total.allocated) * 100)}%，低于 ${Math.round(lag.minSpentShare * 100)}%；距「${context.deadline.label}」（${context.deadline.date}）还有 ${daysLeft} 天`;
      for (const item of list) if (item.street === street) Object.assign(item, { lagging: true, warning });
    }
  }
  return list;
}

/** A source's remaining allocation for a street: allocated minus what its projects there have been paid. */
export function remainingAllocation(projects: readonly ProjectRecord[], allocations: readonly Allocation[], source: string, street: string): number {
  const allocated = allocations.filter((item) => item.source === source && item.street === street).reduce((sum, item) => sum + item.allocatedWan, 0);
  const paid = projects.filter((project) => project.source === source && project.street === street).reduce((sum, project) => sum + disbursedWan(project), 0);
  return allocated - paid;
}

/** Budgets of `projects` summed, 万元. */
export const budgetTotal = (projects: readonly Pick<ProjectRecord, 'budgetWan'>[]): number => projects.reduce((sum, project) => sum + project.budgetWan, 0);

/** Ledger rows summed under one key (a source id, or a street code; null = the district's own share). */
export interface LedgerTotal {
  key: string | null;
  allocatedWan: number;
  committedWan: number;
  disbursedWan: number;
  spentWan: number;
  /** The distinct warnings of the rows summed, as the rows carry them. */
  warnings: string[];
}

/**
 * The ledger's rows summed per source (`by` 'source') or per street (`by` 'street'), in the
 * rows' first-seen order. Each column's totals sum to the rows' sum (and so to the projects').
 */
export function ledgerTotals(rows: readonly LedgerRow[], by: 'source' | 'street'): LedgerTotal[] {
  const totals = new Map<string | null, LedgerTotal>();
  for (const row of rows) {
    const key = row[by];
    let total = totals.get(key);
    if (!total) totals.set(key, (total = { key, allocatedWan: 0, committedWan: 0, disbursedWan: 0, spentWan: 0, warnings: [] }));
    total.allocatedWan += row.allocatedWan;
    total.committedWan += row.committedWan;
    total.disbursedWan += row.disbursedWan;
    total.spentWan += row.spentWan;
    if (row.warning && !total.warnings.includes(row.warning)) total.warnings.push(row.warning);
  }
  return [...totals.values()];
}
