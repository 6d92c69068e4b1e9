/**
 * The works tables (issue 21) as XLSX sheets: the projects with their stage, budget, source,
 * person responsible and payments, and the funds ledger per source and street, as the views show
 * them (src/ui/works). Written by the repo's XLSX writer (tables.ts `tableToXlsx`).
 */
import { disbursedWan, PROJECT_KIND_LABELS, PROJECT_STAGE_LABELS, type LedgerRow, type ProjectRecord } from '../core/index.ts';
import type { ExportTable } from './tables.ts';

/** Display names for the ids the tables hold (missing: the id is shown). */
export interface WorksTableNames {
  streets: ReadonlyMap<string, string>;
  sources: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string>;
}

const name = (names: ReadonlyMap<string, string>, id: string) => names.get(id) ?? id;
/** The district's own share (a ledger row without a street). */
export const DISTRICT_SHARE = '区级统筹';

export function projectsTable(projects: readonly ProjectRecord[], names: WorksTableNames): ExportTable {
  return {
    name: '项目清单',
    header: ['编号', '项目', '类型', '街道', '地点', '预算（万元）', '资金来源', '阶段', '责任人', '开工', '完成', '已拨付（万元）', '已支出（万元）'],
    rows: projects.map((project) => [
      project.number,
      project.title,
      PROJECT_KIND_LABELS[project.kind],
      name(names.streets, project.street),
      project.target.id,
      project.budgetWan,
      name(names.sources, project.source),
      PROJECT_STAGE_LABELS[project.stage],
      name(names.people, project.responsible),
      project.start,
      project.due,
      disbursedWan(project),
      project.spentWan,
    ]),
  };
}

export function ledgerTable(rows: readonly LedgerRow[], names: WorksTableNames): ExportTable {
  return {
    name: '经费台账',
    header: ['资金来源', '街道', '下达（万元）', '已安排（万元）', '已拨付（万元）', '已支出（万元）', '预警'],
    rows: rows.map((row) => [name(names.sources, row.source), row.street === null ? DISTRICT_SHARE : name(names.streets, row.street), row.allocatedWan, row.committedWan, row.disbursedWan, row.spentWan, row.warning ?? '']),
  };
}
