/**
 * The one-vote veto 一票否决 (issue 21): whether a demonstration community would pass acceptance
 * today against the acceptance rules, each failing rule a reason in Chinese saying what fails and
 * by how much, and the chain of people responsible (community → street leader → department).
 * Landscape routes come in as a set of community codes (computed from the campaign's features).
 */
import type { Grade } from '../supervision/types.ts';
import { hasPassedAcceptance } from './projects.ts';
import { PROJECT_STAGE_LABELS, type Person, type ProjectStage, type ResponsibleLink, type VetoReason, type VetoVerdict } from './types.ts';

/** Acceptance rules; each may be switched off. */
export interface AcceptanceSettings {
  /** The community's grade (src/core/supervision/grades.ts) must not be red. */
  notRed: boolean;
  /** All 12 facility items in place. */
  facilityStandard: boolean;
  /** At most this many open red cases 红色督办; null = off. */
  maxOpenRedCases: number | null;
  /** Its landscape route 景观路线 is on the map. */
  landscapeRoute: boolean;
  /** Every project of the community has passed 验收. */
  projectsAccepted: boolean;
}

export const DEFAULT_ACCEPTANCE: AcceptanceSettings = { notRed: true, facilityStandard: true, maxOpenRedCases: 0, landscapeRoute: true, projectsAccepted: true };

/** What the verdict of one demonstration community reads. */
export interface VetoInput {
  code: string;
  name: string;
  street: string;
  streetName: string;
  grade: Grade | null;
  /** Labels of the facility items missing (of 12); null when the status is unknown. */
  missingFacilities: readonly string[] | null;
  openRedCases: number;
  /** Departments of the community's open cases referred to one (ids). */
  caseDepartments: readonly string[];
  /** Its projects with their stage and the unit signing their next step. */
  projects: readonly { title: string; stage: ProjectStage; nextUnit: string | null }[];
}

/** The reasons `input` fails acceptance (empty = passes). */
export function vetoReasons(input: VetoInput, routes: ReadonlySet<string>, rules: AcceptanceSettings = DEFAULT_ACCEPTANCE): VetoReason[] {
  const reasons: VetoReason[] = [];
  if (rules.notRed && input.grade === 'red') reasons.push({ rule: 'notRed', message: '分级为红色（严重落后）' });
  if (rules.facilityStandard) {
    if (input.missingFacilities === null) reasons.push({ rule: 'facilityStandard', message: '配套设施情况未知，无法确认 12 项达标' });
    else if (input.missingFacilities.length > 0) reasons.push({ rule: 'facilityStandard', message: `配套设施 12 项缺 ${input.missingFacilities.length} 项（${input.missingFacilities.join('、')}）` });
  }
  if (rules.maxOpenRedCases !== null && input.openRedCases > rules.maxOpenRedCases) {
    reasons.push({ rule: 'maxOpenRedCases', message: `未销号的红色督办问题 ${input.openRedCases} 件（允许 ${rules.maxOpenRedCases} 件）` });
  }
  if (rules.landscapeRoute && !routes.has(input.code)) reasons.push({ rule: 'landscapeRoute', message: '尚无景观路线' });
  if (rules.projectsAccepted) {
    const open = input.projects.filter((project) => !hasPassedAcceptance(project.stage));
    if (open.length > 0) reasons.push({ rule: 'projectsAccepted', message: `${open.length} 个项目未验收（${open.map((project) => `${project.title}：${PROJECT_STAGE_LABELS[project.stage]}`).join('；')}）` });
  }
  return reasons;
}

const link = (person: Person | undefined) => (person ? { id: person.id, name: person.name, title: person.title, phone: person.phone } : null);

/**
 * The chain of people responsible: the community's person, the street's leader, then every
 * department of its open referred cases and unfinished projects (in that order, each once).
 */
export function responsibleChain(input: VetoInput, people: readonly Person[], unitName: (id: string) => string): ResponsibleLink[] {
  const find = (kind: 'community' | 'street' | 'department', id: string) => people.find((person) => person.responsibleFor.some((target) => target.kind === kind && target.id === id));
  const chain: ResponsibleLink[] = [
    { level: 'community', unit: input.name, person: link(find('community', input.code)) },
    { level: 'street', unit: input.streetName, person: link(find('street', input.street)) },
  ];
  const departments = [...new Set([...input.caseDepartments, ...input.projects.map((project) => project.nextUnit).filter((unit): unit is string => unit !== null)])];
  for (const id of departments) chain.push({ level: 'department', unit: unitName(id), person: link(find('department', id)) });
  return chain;
}

/** The verdict of every demonstration community, failing ones first (most reasons first), then by code. */
export function vetoVerdicts(inputs: readonly VetoInput[], routes: ReadonlySet<string>, people: readonly Person[], unitName: (id: string) => string, rules: AcceptanceSettings = DEFAULT_ACCEPTANCE): VetoVerdict[] {
  return inputs
    .map((input): VetoVerdict => {
      const reasons = vetoReasons(input, routes, rules);
      return { code: input.code, name: input.name, pass: reasons.length === 0, reasons, responsible: reasons.length === 0 ? [] : responsibleChain(input, people, unitName) };
    })
    .sort((a, b) => b.reasons.length - a.reasons.length || a.code.localeCompare(b.code));
}
