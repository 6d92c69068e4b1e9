import type { ProjectRecord, ProjectStage } from '../../../src/core/index.ts';

/** A landscape-route project of 鼓楼社区 in `stage` (no history: the rules under test do not read it). */
export function project(stage: ProjectStage = 'submitted', extra: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    id: '1', number: 1, title: '鼓楼社区景观路线', kind: 'landscape_route', description: '', target: { kind: 'community', id: '330302006044' }, street: '330302006',
    budgetWan: 50, source: 'city_first', responsible: 'p1', start: '2002-03-01', due: '2002-06-01', stage, history: [], disbursements: [], spentWan: 0, version: 1, ...extra,
  };
}
