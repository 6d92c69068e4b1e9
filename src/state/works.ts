/**
 * Works, money and accountability (issue 21) as the dashboard holds them: the campaign's
 * projects, the funds ledger, the people responsible 责任人 and instructors 指导员, and the
 * one-vote veto 一票否决 verdicts, each as the server answered; the project list's filters and
 * the open project. Pure state, updaters and selectors, tested in Node; the effect that reads the
 * server and applies its live events is src/app/effects/works.ts.
 *
 * The server is the authority for every rule (the stage order, which unit signs, the allocation,
 * the veto, the timetable's countdown); sums and totals are the core's (works/ledger.ts): what is
 * here only filters and groups what the server sent, for display.
 */
import { nextStage, type Instructor, type LedgerRow, type Person, type ProjectKind, type ProjectRecord, type ProjectStage, type TimetableItem, type VetoVerdict } from '../core/index.ts';

/** A funding source or a reviewing unit as the campaign's `works` settings name it. */
export interface WorksName {
  id: string;
  name: string;
}

/** A reviewing unit: the stages its accounts sign. */
export interface WorksUnit extends WorksName {
  stages: ProjectStage[];
}

/** GET …/works: the campaign's funding sources and reviewing units, and the units the signed-in account signs for. */
export interface WorksInfo {
  sources: WorksName[];
  units: WorksUnit[];
  /** Unit ids the signed-in account may sign for (empty: none). */
  myUnits: string[];
  /** Whether the signed-in account may record payments (the server's answer from the core's rule). */
  mayPay: boolean;
}

export interface ProjectFilters {
  street: string | null;
  kind: ProjectKind | null;
  stage: ProjectStage | null;
  source: string | null;
}

export const NO_PROJECT_FILTERS: ProjectFilters = { street: null, kind: null, stage: null, source: null };

export type WorksTab = 'projects' | 'ledger' | 'people' | 'veto';

/** The panel's state: the server's last answer ({@link WorksSnapshot}) and what the user chose. */
export interface WorksState extends WorksSnapshot {
  /** `unavailable`: the campaign server has no works API (an older server): the panel says so. */
  status: 'idle' | 'loading' | 'ready' | 'error' | 'unavailable';
  error: string | null;
  filters: ProjectFilters;
  tab: WorksTab;
  /** The project whose page is open; null = none. */
  openId: string | null;
  /** Counts reloads and live changes applied (a change signal for automation). */
  revision: number;
}

export const NO_WORKS_INFO: WorksInfo = { sources: [], units: [], myUnits: [], mayPay: false };

export const NO_WORKS: WorksState = { status: 'idle', error: null, projects: [], ledger: [], people: [], instructors: [], veto: [], timetable: [], today: null, info: NO_WORKS_INFO, filters: NO_PROJECT_FILTERS, tab: 'projects', openId: null, revision: 0 };

/** Everything the server answered at once (a reload). */
export interface WorksSnapshot {
  projects: ProjectRecord[];
  ledger: LedgerRow[];
  people: Person[];
  instructors: Instructor[];
  veto: VetoVerdict[];
  /** GET …/timetable: every deadline and unpaid project counted down from the server's day `today`. */
  timetable: TimetableItem[];
  today: string | null;
  info: WorksInfo;
}

const byNumber = (a: ProjectRecord, b: ProjectRecord) => a.number - b.number;

export function worksLoading(state: WorksState): Partial<WorksState> {
  return state.status === 'ready' ? {} : { status: 'loading', error: null };
}

export function worksLoaded(state: WorksState, snapshot: WorksSnapshot): Partial<WorksState> {
  return { status: 'ready', error: null, ...snapshot, projects: [...snapshot.projects].sort(byNumber), revision: state.revision + 1 };
}

export function worksUnavailable(_state: WorksState): Partial<WorksState> {
  return { status: 'unavailable', error: null };
}

export function worksFailed(_state: WorksState, message: string): Partial<WorksState> {
  return { status: 'error', error: message };
}

/** A project as the server now holds it (an answered sign-off or payment): replaces the held copy unless that one is newer. */
export function projectChanged(state: WorksState, project: ProjectRecord): Partial<WorksState> {
  const index = state.projects.findIndex((held) => held.id === project.id);
  if (index >= 0 && state.projects[index]!.version > project.version) return {};
  const projects = index >= 0 ? state.projects.map((held, i) => (i === index ? project : held)) : [...state.projects, project].sort(byNumber);
  return { projects, revision: state.revision + 1 };
}

export function setProjectFilter<K extends keyof ProjectFilters>(state: WorksState, key: K, value: ProjectFilters[K]): Partial<WorksState> {
  return state.filters[key] === value ? {} : { filters: { ...state.filters, [key]: value } };
}

export function setWorksTab(state: WorksState, tab: WorksTab): Partial<WorksState> {
  return state.tab === tab ? {} : { tab };
}

export function openProject(_state: WorksState, id: string | null): Partial<WorksState> {
  return { openId: id };
}

// ---- selectors ----

export function filterProjects(projects: readonly ProjectRecord[], filters: ProjectFilters): ProjectRecord[] {
  return projects.filter(
    (project) =>
      (filters.street === null || project.street === filters.street) &&
      (filters.kind === null || project.kind === filters.kind) &&
      (filters.stage === null || project.stage === filters.stage) &&
      (filters.source === null || project.source === filters.source),
  );
}

/** The stage a project moves to next; null once paid 拨付 (the core's order). */
export { nextStage };

/** The unit that signs `stage` (from the campaign's `works.units`); null when none is named. */
export function signingUnit(info: WorksInfo, stage: ProjectStage): WorksUnit | null {
  return info.units.find((unit) => unit.stages.includes(stage)) ?? null;
}

/** Whether the signed-in account signs the project's next stage (the server checks it again). */
export function signsNext(info: WorksInfo, project: Pick<ProjectRecord, 'stage'>): boolean {
  const next = nextStage(project.stage);
  const unit = next ? signingUnit(info, next) : null;
  return unit !== null && info.myUnits.includes(unit.id);
}

/** One thing a person is responsible for, as shown in the 责任清单. */
export interface DutyLine {
  kind: Person['responsibleFor'][number]['kind'];
  id: string;
  /** What it is, as shown (a project's title, a deadline's label, a community's name …). */
  label: string;
  /** ISO date it is due, when it has one. */
  due: string | null;
}

export interface Deadline {
  id: string;
  label: string;
  date: string;
  responsible: string;
}

/** Names for the ids a person is responsible for. */
export interface DutyNames {
  projects: readonly Pick<ProjectRecord, 'id' | 'title' | 'due' | 'responsible'>[];
  deadlines: readonly Deadline[];
  /** Community, street and department names by code (missing: the code is shown). */
  places: ReadonlyMap<string, string>;
}

const DUTY_KIND_LABELS: Readonly<Record<DutyLine['kind'], string>> = { street: '街道', community: '社区', department: '部门', project: '项目', deadline: '节点' };

export function dutyKindLabel(kind: DutyLine['kind']): string {
  return DUTY_KIND_LABELS[kind];
}

/** What `person` is responsible for: the targets named on the person, and the projects that name them as responsible. */
export function dutiesOf(person: Person, names: DutyNames): DutyLine[] {
  const lines: DutyLine[] = person.responsibleFor.map((target) => {
    if (target.kind === 'project') {
      const project = names.projects.find((item) => item.id === target.id);
      return { kind: 'project', id: target.id, label: project?.title ?? target.id, due: project?.due ?? null };
    }
    if (target.kind === 'deadline') {
      const deadline = names.deadlines.find((item) => item.id === target.id);
      return { kind: 'deadline', id: target.id, label: deadline?.label ?? target.id, due: deadline?.date ?? null };
    }
    return { kind: target.kind, id: target.id, label: names.places.get(target.id) ?? target.id, due: null };
  });
  for (const project of names.projects)
    if (project.responsible === person.id && !lines.some((line) => line.kind === 'project' && line.id === project.id)) lines.push({ kind: 'project', id: project.id, label: project.title, due: project.due });
  return lines;
}

/** People grouped by their unit (units by name, people by name within each). */
export function peopleByUnit(people: readonly Person[]): { unit: string; people: Person[] }[] {
  const units = new Map<string, Person[]>();
  for (const person of people) units.set(person.unit, [...(units.get(person.unit) ?? []), person]);
  return [...units.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh-CN')).map(([unit, members]) => ({ unit, people: [...members].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) }));
}

export function selectOpenProject(state: WorksState): ProjectRecord | null {
  return state.openId === null ? null : (state.projects.find((project) => project.id === state.openId) ?? null);
}
