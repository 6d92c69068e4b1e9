import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correctedProject, PROJECT_FACT_FIELDS, projectEditRefusal, projectFactsRefusal, submittedProject, worksActorOf, actorUnits, DEFAULT_WORKS_SETTINGS, type NewProject, type ProjectFactContext } from '../../../src/core/index.ts';
import { project } from './fixtures.ts';

const CONTEXT: ProjectFactContext = {
  sources: new Set(['city_first', 'street']),
  streets: new Set(['330302006', '330302024']),
  communityStreet: new Map([['330302006044', '330302006']]),
  people: new Set(['p1']),
};
const NEW: NewProject = { title: '楼道灯', kind: 'stair_lighting', description: '', target: { kind: 'community', id: '330302006044' }, street: '330302006', budgetWan: 10, source: 'city_first', responsible: 'p1', start: '2002-06-01', due: '2002-06-20' };

describe('projectFactsRefusal', () => {
  it('accepts facts that name the campaign’s source, street, community of that street, person, with dates in order', () => {
    expect(projectFactsRefusal(NEW, CONTEXT)).toBeNull();
    expect(projectFactsRefusal({ ...NEW, target: { kind: 'road', id: '学院路' }, street: '330302024' }, CONTEXT)).toBeNull();
  });

  it('names the field of the first thing wrong, in Chinese', () => {
    const cases: [Partial<NewProject>, string][] = [
      [{ source: 'lottery' }, 'source'],
      [{ street: '999' }, 'street'],
      [{ target: { kind: 'community', id: '999' } }, 'target.id'],
      [{ street: '330302024' }, 'street'],
      [{ target: { kind: 'street', id: '330302024' } }, 'target.id'],
      [{ responsible: 'p2' }, 'responsible'],
      [{ due: '2002-05-31' }, 'due'],
    ];
    for (const [change, field] of cases) {
      const refusal = projectFactsRefusal({ ...NEW, ...change }, CONTEXT);
      expect(refusal, field).toMatchObject({ code: 'E_INPUT', message: expect.stringContaining(`字段 ${field}：`) });
    }
  });
});

describe('submittedProject and correctedProject', () => {
  it('a new project starts at 申报 with nothing signed, paid or spent', () => {
    expect(submittedProject(NEW, 'p9', 9)).toMatchObject({ ...NEW, id: 'p9', number: 9, stage: 'submitted', history: [], disbursements: [], spentWan: 0, version: 1 });
  });

  it('a correction changes only the facts given, never stage, money or history', () => {
    fc.assert(
      fc.property(fc.subarray([...PROJECT_FACT_FIELDS]), (fields) => {
        const held = project('building', { budgetWan: 70, spentWan: 3 });
        const changes = Object.fromEntries(fields.map((field) => [field, field === 'target' ? { kind: 'road', id: '学院路' } : field === 'kind' ? 'greening' : `新${field}`]));
        const after = correctedProject(held, { ...changes, stage: 'paid', budgetWan: 1 } as never);
        for (const field of PROJECT_FACT_FIELDS) expect(after[field]).toEqual(fields.includes(field) ? changes[field] : held[field]);
        expect([after.stage, after.budgetWan, after.spentWan, after.history, after.version]).toEqual([held.stage, held.budgetWan, held.spentWan, held.history, held.version]);
      }),
    );
  });
});

describe('who submits and signs', () => {
  it('an admin signs for the unit the settings name (adminSignsFor), or for none when it is null', () => {
    const admin = { username: 'admin', role: 'admin' as const, scope: [] };
    expect(actorUnits(worksActorOf(admin, DEFAULT_WORKS_SETTINGS), DEFAULT_WORKS_SETTINGS)).toEqual([DEFAULT_WORKS_SETTINGS.adminSignsFor]);
    expect(actorUnits(worksActorOf(admin, { adminSignsFor: null }), DEFAULT_WORKS_SETTINGS)).toEqual([]);
    expect(actorUnits(worksActorOf(admin, { adminSignsFor: 'sjj' }), DEFAULT_WORKS_SETTINGS)).toEqual(['sjj']);
    expect(actorUnits(worksActorOf({ username: 'x', role: 'department', scope: ['czj', 'chengguan'] }, DEFAULT_WORKS_SETTINGS), DEFAULT_WORKS_SETTINGS)).toEqual(['czj']);
  });

  it('only an admin or a joint-team unit’s account submits and corrects projects', () => {
    const settings = DEFAULT_WORKS_SETTINGS;
    expect(projectEditRefusal({ username: 'admin', role: 'admin', scope: [] }, settings)).toBeNull();
    expect(projectEditRefusal({ username: 'unit-jsj', role: 'department', scope: ['jsj'] }, settings)).toBeNull();
    for (const actor of [
      { username: 'cg', role: 'department' as const, scope: ['chengguan'] },
      { username: 'lead', role: 'leader' as const, scope: [] },
      { username: 'wuma', role: 'street' as const, scope: ['330302006'] },
    ]) expect(projectEditRefusal(actor, settings)).toMatchObject({ code: 'E_FORBIDDEN', message: expect.stringContaining('区创建办') });
  });
});
