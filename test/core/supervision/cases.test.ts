import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CASE_TRANSITIONS, TRANSITION_RULES, allowedTransitions, applyTransition, type CaseRecord, type CaseState, type CaseTransition, type SupervisionActor } from '../../../src/core/index.ts';
import { admin, department, farInspector, inspector, instructor, leader, otherStreet, reported, settings, street } from './fixtures.ts';

const now = new Date('2002-03-08T02:00:00Z');

function step(record: CaseRecord, to: CaseTransition, actor: SupervisionActor, extra: { note?: string; photos?: string[] } = {}): CaseRecord {
  const result = applyTransition(record, { to, ...extra }, actor, now, settings);
  if (!result.ok) throw new Error(`${to} by ${actor.role}: ${result.error.message}`);
  return result.case;
}

/** The happy path of a street case to `state`. */
function caseIn(state: CaseState, category = 'stall'): CaseRecord {
  const unit = category === 'building' ? department : street;
  const path: [CaseTransition, SupervisionActor, { note?: string; photos?: string[] }?][] = [
    ['registered', admin],
    ['assigned', admin],
    ['in_progress', unit],
    ['fixed', unit, { photos: ['p1'] }],
    ['verified', inspector],
    ['closed', admin],
  ];
  let record = reported(category);
  for (const [to, actor, extra] of path) {
    if (record.state === state) return record;
    record = step(record, to, actor, extra);
  }
  return record;
}

const ACTORS = [admin, street, otherStreet, inspector, farInspector, department, leader, instructor];
const STATES: CaseState[] = ['reported', 'registered', 'assigned', 'in_progress', 'fixed', 'verified', 'closed'];
/** The states each state may move to: the chain, the reassignment self-loop and the reopening back-edge. */
const EDGES: Record<CaseState, CaseState[]> = {
  reported: ['registered'],
  registered: ['assigned'],
  assigned: ['assigned', 'in_progress'],
  in_progress: ['fixed'],
  fixed: ['verified', 'in_progress'],
  verified: ['closed'],
  closed: [],
};

describe('applyTransition()', () => {
  it('walks a street case from 上报 to 销号 with the right roles, recording each step', () => {
    const closed = caseIn('closed');
    expect(closed.state).toBe('closed');
    expect(closed.history.map((event) => event.to)).toEqual(['reported', 'registered', 'assigned', 'in_progress', 'fixed', 'verified', 'closed']);
    expect(closed.closedAt).toBe(now.toISOString());
    expect(closed.unit).toEqual({ kind: 'street', id: '330302006' });
  });

  it('routes a category to its department and sets the deadline in working days (乱搭建: 10 days)', () => {
    const assigned = caseIn('assigned', 'building');
    expect(assigned.unit).toEqual({ kind: 'department', id: 'chengguan' });
    // Friday 2002-03-08 + 10 working days.
    expect(assigned.deadline).toBe('2002-03-22');
  });

  it('refuses a role that may not with E_FORBIDDEN and a Chinese message', () => {
    const result = applyTransition(reported(), { to: 'registered' }, street, now, settings);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    expect(!result.ok && result.error.message).toContain('立案');
  });

  it('refuses a state that does not allow it with E_STATE', () => {
    const result = applyTransition(reported(), { to: 'closed' }, admin, now, settings);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_STATE' } });
  });

  it('refuses a unit or inspector outside its scope with E_FORBIDDEN', () => {
    expect(applyTransition(caseIn('assigned'), { to: 'in_progress' }, otherStreet, now, settings)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    expect(applyTransition(caseIn('fixed'), { to: 'verified' }, farInspector, now, settings)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    expect(applyTransition(caseIn('assigned', 'building'), { to: 'in_progress' }, street, now, settings)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
  });

  it('wants proof for 已反馈 and a reason for a failed verification', () => {
    expect(applyTransition(caseIn('in_progress'), { to: 'fixed' }, street, now, settings)).toMatchObject({ ok: false, error: { code: 'E_INPUT' } });
    expect(applyTransition(caseIn('fixed'), { to: 'reopened' }, inspector, now, settings)).toMatchObject({ ok: false, error: { code: 'E_INPUT' } });
  });

  it('sends a failed verification back to 整改中 and counts the reopening', () => {
    const reopened = step(caseIn('fixed'), 'reopened', inspector, { note: '仍有摊位' });
    expect(reopened.state).toBe('in_progress');
    expect(reopened.reopenings).toBe(1);
    const again = step(step(reopened, 'fixed', street, { note: '已清理' }), 'reopened', inspector, { note: '又回潮' });
    expect(again.reopenings).toBe(2);
  });

  it('closes only from verified, whoever asks', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), fc.constantFrom(...ACTORS), (state, actor) => {
        const result = applyTransition(caseIn(state), { to: 'closed' }, actor, now, settings);
        if (result.ok) expect(state).toBe('verified');
      }),
    );
  });

  it('never skips a state: every accepted transition follows an edge of the machine', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), fc.constantFrom('stall', 'building'), fc.constantFrom(...CASE_TRANSITIONS), fc.constantFrom(...ACTORS), (state, category, to, actor) => {
        const before = caseIn(state, category);
        const result = applyTransition(before, { to, note: '说明', photos: ['p'] }, actor, now, settings);
        if (!result.ok) return;
        expect(EDGES[before.state]).toContain(result.case.state);
        expect(result.case.history).toHaveLength(before.history.length + 1);
        expect(result.event).toMatchObject({ from: before.state, to: result.case.state, actor: actor.username });
      }),
    );
  });

  it('agrees with allowedTransitions(): allowed exactly when applyTransition gets past role, scope and state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES), fc.constantFrom('stall', 'building'), fc.constantFrom(...ACTORS), (state, category, actor) => {
        const record = caseIn(state, category);
        const allowed = allowedTransitions(record, actor);
        for (const to of CASE_TRANSITIONS) {
          const result = applyTransition(record, { to, note: '说明', photos: ['p'] }, actor, now, settings);
          expect(result.ok || result.error.code === 'E_INPUT').toBe(allowed.includes(to));
        }
      }),
    );
  });

  it('lets a leader or an instructor make no transition at all', () => {
    for (const state of STATES) {
      expect(allowedTransitions(caseIn(state), leader)).toEqual([]);
      expect(allowedTransitions(caseIn(state), instructor)).toEqual([]);
    }
  });

  it('keeps its rules as data: every transition names its source states and movers', () => {
    for (const to of CASE_TRANSITIONS) expect(TRANSITION_RULES[to].from.length).toBeGreaterThan(0);
  });
});
