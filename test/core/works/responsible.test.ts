import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PROJECT_STAGES, duties, instructorActivity, timetable, type CaseRecord, type Person } from '../../../src/core/index.ts';
import { project } from './fixtures.ts';

const lead: Person = { id: 'p1', name: '王五', title: '项目负责人', unit: '区建设局', phone: '3', username: null, responsibleFor: [{ kind: 'deadline', id: 'demo' }] };
const DEADLINES = [{ id: 'demo', label: '建成精品示范社区', date: '2002-06-30', responsible: '区创建办' }];

describe('the timetable', () => {
  it('counts down every deadline and unfinished project in days from today, soonest first, with its person', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ stage: fc.constantFrom(...PROJECT_STAGES), day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 10 }), (specs) => {
        const projects = specs.map((spec, i) => project(spec.stage, { id: String(i + 1), due: `2002-06-${String(spec.day).padStart(2, '0')}` }));
        const items = timetable(DEADLINES, projects, [lead], '2002-06-01');
        expect(items.length).toBe(1 + projects.filter((item) => item.stage !== 'paid').length);
        expect(items.map((item) => item.date)).toEqual(items.map((item) => item.date).sort());
        for (const item of items) expect(item.daysLeft).toBe(Number(item.date.slice(8)) - 1);
        expect(items.every((item) => item.person?.name === '王五')).toBe(true);
      }),
    );
  });

  it('counts overdue items negative and names the deadline’s own office when no person is named for it', () => {
    const deadlines = [...DEADLINES, { id: 'past', label: '动员', date: '2002-05-01', responsible: '区委办' }];
    const items = timetable(deadlines, [project('building', { due: '2002-06-10', number: 7 }), project('paid', { id: '2', due: '2002-05-20' })], [lead], '2002-06-01');
    expect(items.map((item) => [item.id, item.daysLeft, item.person?.name ?? null, item.responsibleText, item.label])).toEqual([
      ['past', -31, null, '区委办', '动员'],
      ['1', 9, '王五', '', '第 7 号项目：鼓楼社区景观路线'],
      ['demo', 29, '王五', '区创建办', '建成精品示范社区'],
    ]);
  });

  it("lists a person's projects in their 责任清单", () => {
    expect(duties(lead, [project('building'), project('paid', { id: '2', responsible: 'p9' })]).projects.map((item) => item.id)).toEqual(['1']);
  });
});

describe('instructorActivity', () => {
  const caseBy = (actor: string, state: CaseRecord['state']) => ({ state, history: [{ at: '', actor, transition: 'reported' as const, from: null, to: 'reported' as const, note: '' }, { at: '', actor: 'admin', transition: 'registered' as const, from: 'reported' as const, to: 'registered' as const, note: '' }] });
  it('counts the inspections an instructor’s account recorded, the cases it opened and those of them closed; null without an account', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ createdBy: fc.constantFrom('a', 'b', 'admin'), date: fc.constantFrom('2002-05-01', '2002-05-09', '2002-06-01') }), { maxLength: 15 }),
        fc.array(fc.record({ actor: fc.constantFrom('a', 'b', 'admin'), state: fc.constantFrom('reported', 'assigned', 'closed') as fc.Arbitrary<CaseRecord['state']> }), { maxLength: 15 }),
        (inspections, specs) => {
          const cases = specs.map((spec) => caseBy(spec.actor, spec.state));
          const activity = instructorActivity([{ id: 'i1', username: 'a' }, { id: 'i2', username: null }], inspections, cases);
          const mine = inspections.filter((item) => item.createdBy === 'a');
          expect(activity.get('i1')).toEqual({
            visits: mine.length,
            lastVisit: mine.length ? mine.map((item) => item.date).sort().at(-1) : null,
            reported: specs.filter((spec) => spec.actor === 'a').length,
            solved: specs.filter((spec) => spec.actor === 'a' && spec.state === 'closed').length,
          });
          expect(activity.get('i2')).toBeNull();
        },
      ),
    );
  });
});
