/**
 * A project's facts (issue 21): what 申报 submits and what may be corrected afterwards, as
 * opposed to its stage and money, which only sign-offs and payments change. The request's
 * shape is checked by the API's schema; what needs the campaign (a known source, street,
 * community of that street, person responsible; the dates in order) is checked here, once, and
 * refused with the field and what was expected (E_INPUT, 400).
 */
import type { ProjectRecord } from './types.ts';
import type { WorksRefusal } from './projects.ts';

/** The fields a correction may change; stage, budget, source, payments and spending may not. */
export const PROJECT_FACT_FIELDS = ['title', 'kind', 'description', 'target', 'street', 'responsible', 'start', 'due'] as const;
export type ProjectFactField = (typeof PROJECT_FACT_FIELDS)[number];
export type ProjectFacts = Pick<ProjectRecord, ProjectFactField>;

/** What a new project is given (申报): its facts plus the budget and the funding source. */
export type NewProject = ProjectFacts & Pick<ProjectRecord, 'budgetWan' | 'source'>;

/** What the facts are checked against: the campaign's sources, streets, communities (with their street) and people. */
export interface ProjectFactContext {
  sources: ReadonlySet<string>;
  streets: ReadonlySet<string>;
  /** Community code → its street code. */
  communityStreet: ReadonlyMap<string, string>;
  people: ReadonlySet<string>;
}

const refusal = (field: string, message: string): WorksRefusal => ({ code: 'E_INPUT', message: `字段 ${field}：${message}` });

/**
 * The first thing wrong with `facts` in this campaign, or null. `source` is checked when given
 * (a correction does not carry it).
 */
export function projectFactsRefusal(facts: ProjectFacts & { source?: string }, context: ProjectFactContext): WorksRefusal | null {
  if (facts.source !== undefined && !context.sources.has(facts.source)) return refusal('source', `资金来源「${facts.source}」不在本活动的资金来源中（应为 ${[...context.sources].join('、')} 之一）`);
  if (!context.streets.has(facts.street)) return refusal('street', `街道代码「${facts.street}」不是本活动的街道`);
  if (facts.target.kind === 'community') {
    const street = context.communityStreet.get(facts.target.id);
    if (street === undefined) return refusal('target.id', `社区代码「${facts.target.id}」不是本活动的社区`);
    if (street !== facts.street) return refusal('street', `社区「${facts.target.id}」属于街道 ${street}，项目的街道应与之相同（收到 ${facts.street}）`);
  }
  if (facts.target.kind === 'street' && facts.target.id !== facts.street) return refusal('target.id', `项目对象为街道时应为项目所在街道 ${facts.street}（收到 ${facts.target.id}）`);
  if (!context.people.has(facts.responsible)) return refusal('responsible', `责任人「${facts.responsible}」不在责任清单中，请先登记该责任人`);
  if (facts.due < facts.start) return refusal('due', `完成日期 ${facts.due} 早于开工日期 ${facts.start}`);
  return null;
}

/** A new project at 申报, number `number`, id `id`, nothing signed or paid. */
export function submittedProject(input: NewProject, id: string, number: number): ProjectRecord {
  return { ...input, id, number, stage: 'submitted', history: [], disbursements: [], spentWan: 0, version: 1 };
}

/** `project` with its facts corrected (other fields untouched; the caller bumps the version). */
export function correctedProject(project: ProjectRecord, changes: Partial<ProjectFacts>): ProjectRecord {
  const next = { ...project };
  for (const field of PROJECT_FACT_FIELDS) if (changes[field] !== undefined) (next as Record<string, unknown>)[field] = changes[field];
  return next;
}
