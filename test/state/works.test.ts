import fc from 'fast-check';
import { expect, test } from 'vitest';
import { PROJECT_STAGES, type Person } from '../../src/core/index.ts';
import { dutiesOf, filterProjects, nextStage, NO_PROJECT_FILTERS, NO_WORKS, projectChanged, signsNext, worksLoaded } from '../../src/state/works.ts';
import { project, UNITS } from '../support/fake-works-server.ts';

const person: Person = { id: 'p1', name: '张三', title: '街道书记', unit: '五马街道办事处', phone: '1', username: null, responsibleFor: [{ kind: 'deadline', id: 'demo' }, { kind: 'street', id: 'S1' }] };

test("a person's duties are what names them, with the projects that name them as responsible added once", () => {
  const lines = dutiesOf(person, { projects: [project('a', 1, { title: '示意绿化', responsible: 'p1' }), project('b', 2, { responsible: 'other' })], deadlines: [{ id: 'demo', label: '示范社区创成', date: '2026-06-30', responsible: '' }], places: new Map([['S1', '五马街道']]) });
  expect(lines.map((line) => `${line.kind}:${line.label}:${line.due ?? ''}`)).toEqual(['deadline:示范社区创成:2026-06-30', 'street:五马街道:', 'project:示意绿化:2026-12-31']);
});

test('only the unit that signs the next stage is offered the sign-off, and nothing after 拨付', () => {
  fc.assert(
    fc.property(fc.constantFrom(...PROJECT_STAGES), fc.subarray(UNITS.map((unit) => unit.id)), (stage, myUnits) => {
      const next = nextStage(stage);
      const signer = next ? UNITS.find((unit) => unit.stages.includes(next))!.id : null;
      expect(signsNext({ sources: [], units: UNITS, myUnits, mayPay: false }, { stage })).toBe(signer !== null && myUnits.includes(signer));
    }),
  );
});

test('an older copy of a project never replaces a newer one, and the filters let through exactly the matching projects', () => {
  const state = { ...NO_WORKS, ...worksLoaded(NO_WORKS, { projects: [project('a', 1, { version: 3, stage: 'building' })], ledger: [], people: [], instructors: [], veto: [], timetable: [], today: null, info: NO_WORKS.info }) };
  expect(projectChanged(state, project('a', 1, { version: 2 }))).toEqual({});
  expect(projectChanged(state, project('a', 1, { version: 4, stage: 'supervised' })).projects?.[0]?.stage).toBe('supervised');
  const projects = [project('a', 1, { stage: 'building' }), project('b', 2, { street: 'S2' })];
  expect(filterProjects(projects, { ...NO_PROJECT_FILTERS, stage: 'building' }).map((item) => item.id)).toEqual(['a']);
  expect(filterProjects(projects, { ...NO_PROJECT_FILTERS, street: 'S2' }).map((item) => item.id)).toEqual(['b']);
  expect(filterProjects(projects, NO_PROJECT_FILTERS)).toHaveLength(2);
});
