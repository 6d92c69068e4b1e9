import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PROJECT_STAGES, duties, timetable, type Person } from '../../../src/core/index.ts';
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

  it("lists a person's projects in their 责任清单", () => {
    expect(duties(lead, [project('building'), project('paid', { id: '2', responsible: 'p9' })]).projects.map((item) => item.id)).toEqual(['1']);
  });
});
