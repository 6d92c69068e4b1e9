import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_ACCEPTANCE, PROJECT_STAGES, vetoReasons, vetoVerdicts, type Person, type VetoInput } from '../../../src/core/index.ts';

const inputArb = fc.record({
  code: fc.constant('330302006044'),
  name: fc.constant('鼓楼社区'),
  street: fc.constant('330302006'),
  streetName: fc.constant('五马街道'),
  grade: fc.constantFrom('red' as const, 'yellow' as const, 'green' as const, null),
  missingFacilities: fc.option(fc.subarray(['社区医疗站', '市民学校', '宣传栏']), { nil: null }),
  openRedCases: fc.integer({ min: 0, max: 4 }),
  caseDepartments: fc.subarray(['chengguan', 'gongan']),
  projects: fc.array(fc.record({ title: fc.constantFrom('景观路线', '楼道灯'), stage: fc.constantFrom(...PROJECT_STAGES), nextUnit: fc.constantFrom(null, 'cgj') }), { maxLength: 3 }),
}) satisfies fc.Arbitrary<VetoInput>;
const routesArb = fc.boolean().map((has) => new Set(has ? ['330302006044'] : []));

/** Each input fixed to its passing value, one at a time. */
const FIXES: ((input: VetoInput) => VetoInput)[] = [
  (input) => ({ ...input, grade: 'green' }),
  (input) => ({ ...input, missingFacilities: [] }),
  (input) => ({ ...input, openRedCases: 0 }),
  (input) => ({ ...input, projects: input.projects.map((project) => ({ ...project, stage: 'accepted' })) }),
];

describe('the one-vote veto', () => {
  it('never adds a reason when one failing input is fixed, and removes that rule’s reason', () => {
    fc.assert(
      fc.property(inputArb, routesArb, fc.integer({ min: 0, max: FIXES.length }), (input, routes, which) => {
        const before = vetoReasons(input, routes, DEFAULT_ACCEPTANCE);
        const [fixed, fixedRoutes] = which === FIXES.length ? [input, new Set([input.code])] : [FIXES[which]!(input), routes];
        const after = vetoReasons(fixed, fixedRoutes, DEFAULT_ACCEPTANCE);
        expect(after.every((reason) => before.some((old) => old.rule === reason.rule))).toBe(true);
        const rule = ['notRed', 'facilityStandard', 'maxOpenRedCases', 'projectsAccepted', 'landscapeRoute'][which]!;
        expect(after.some((reason) => reason.rule === rule)).toBe(false);
      }),
    );
  });

  it('passes a community meeting every rule, and says by how much a failing one fails', () => {
    const passing: VetoInput = { code: 'c', name: '鼓楼社区', street: 's', streetName: '五马街道', grade: 'green', missingFacilities: [], openRedCases: 0, caseDepartments: [], projects: [{ title: '景观路线', stage: 'paid', nextUnit: null }] };
    expect(vetoReasons(passing, new Set(['c']))).toEqual([]);
    const reasons = vetoReasons({ ...passing, openRedCases: 2, missingFacilities: ['市民学校'] }, new Set());
    expect(reasons.map((reason) => reason.message)).toEqual(['配套设施 12 项缺 1 项（市民学校）', '未销号的红色督办问题 2 件（允许 0 件）', '尚无景观路线']);
  });

  it('names the chain community → street leader → departments of open cases and unfinished projects', () => {
    const people: Person[] = [
      { id: 'p1', name: '张三', title: '社区书记', unit: '鼓楼社区', phone: '1', username: null, responsibleFor: [{ kind: 'community', id: 'c' }] },
      { id: 'p2', name: '李四', title: '街道党工委书记', unit: '五马街道', phone: '2', username: null, responsibleFor: [{ kind: 'street', id: 's' }] },
    ];
    const input: VetoInput = { code: 'c', name: '鼓楼社区', street: 's', streetName: '五马街道', grade: 'red', missingFacilities: [], openRedCases: 1, caseDepartments: ['chengguan'], projects: [{ title: '景观路线', stage: 'building', nextUnit: 'jjw' }] };
    const [verdict] = vetoVerdicts([input], new Set(['c']), people, (id) => ({ chengguan: '市城管执法局', jjw: '区纪检' })[id] ?? id);
    expect(verdict!.pass).toBe(false);
    expect(verdict!.responsible.map((item) => [item.level, item.unit, item.person?.name ?? null])).toEqual([
      ['community', '鼓楼社区', '张三'],
      ['street', '五马街道', '李四'],
      ['department', '市城管执法局', null],
      ['department', '区纪检', null],
    ]);
  });
});
