/**
 * Accountability (issue 21): the timetable 倒计时 of every deadline and project due date with its
 * person responsible, counted in days from the server's day; a person's duties 责任清单; and
 * what each instructor 指导员 did in the supervision loop.
 */
import { daysBetween } from '../dataset.ts';
import type { CaseRecord } from '../supervision/types.ts';
import type { Instructor, InstructorActivity, Person, ProjectRecord, ResponsibilityTarget } from './types.ts';

/** One line of the timetable. */
export interface TimetableItem {
  kind: 'deadline' | 'project';
  id: string;
  label: string;
  date: string;
  /** Days from today to `date` (negative once passed). */
  daysLeft: number;
  /** The person named responsible for it, or null (itself a finding). */
  person: Pick<Person, 'id' | 'name' | 'title' | 'phone'> | null;
  /** The responsible office as the settings name it (deadlines), or ''. */
  responsibleText: string;
}

const brief = (person: Person | undefined) => (person ? { id: person.id, name: person.name, title: person.title, phone: person.phone } : null);
const isFor = (person: Person, target: ResponsibilityTarget) => person.responsibleFor.some((item) => item.kind === target.kind && item.id === target.id);

/**
 * Every campaign deadline and every unfinished project's due date, soonest first (ties by id).
 * A project's person is its `responsible`, else whoever is responsible for the project.
 */
export function timetable(deadlines: readonly { id: string; label: string; date: string; responsible: string }[], projects: readonly ProjectRecord[], people: readonly Person[], today: string): TimetableItem[] {
  const items: TimetableItem[] = [
    ...deadlines.map((deadline): TimetableItem => ({
      kind: 'deadline',
      id: deadline.id,
      label: deadline.label,
      date: deadline.date,
      daysLeft: daysBetween(today, deadline.date),
      person: brief(people.find((person) => isFor(person, { kind: 'deadline', id: deadline.id }))),
      responsibleText: deadline.responsible,
    })),
    ...projects
      .filter((project) => project.stage !== 'paid')
      .map((project): TimetableItem => ({
        kind: 'project',
        id: project.id,
        label: `第 ${project.number} 号项目：${project.title}`,
        date: project.due,
        daysLeft: daysBetween(today, project.due),
        person: brief(people.find((person) => person.id === project.responsible) ?? people.find((person) => isFor(person, { kind: 'project', id: project.id }))),
        responsibleText: '',
      })),
  ];
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}

/** What one person answers for: their targets and the projects they lead (责任清单). */
export function duties(person: Person, projects: readonly ProjectRecord[]): { targets: ResponsibilityTarget[]; projects: ProjectRecord[] } {
  return { targets: [...person.responsibleFor], projects: projects.filter((project) => project.responsible === person.id || isFor(person, { kind: 'project', id: project.id })) };
}

/**
 * What each instructor did, from the supervision loop's rows: visits are the inspections their
 * account recorded (with the last one's date), problems reported are the cases their account
 * opened (a case's first event), solved are those of them closed 销号. An instructor without an
 * account (`username` null) gets null: nothing can be attributed to them. Keyed by instructor id.
 */
export function instructorActivity(
  instructors: readonly Pick<Instructor, 'id' | 'username'>[],
  inspections: readonly { createdBy: string; date: string }[],
  cases: readonly Pick<CaseRecord, 'state' | 'history'>[],
): Map<string, InstructorActivity | null> {
  const byUser = new Map<string, InstructorActivity>();
  for (const instructor of instructors) if (instructor.username !== null) byUser.set(instructor.username, { visits: 0, lastVisit: null, reported: 0, solved: 0 });
  for (const inspection of inspections) {
    const activity = byUser.get(inspection.createdBy);
    if (!activity) continue;
    activity.visits++;
    if (activity.lastVisit === null || inspection.date > activity.lastVisit) activity.lastVisit = inspection.date;
  }
  for (const record of cases) {
    const opener = record.history[0]?.actor;
    const activity = opener === undefined ? undefined : byUser.get(opener);
    if (!activity) continue;
    activity.reported++;
    if (record.state === 'closed') activity.solved++;
  }
  return new Map(instructors.map((instructor) => [instructor.id, instructor.username === null ? null : { ...byUser.get(instructor.username)! }]));
}
