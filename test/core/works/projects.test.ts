import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_WORKS_SETTINGS as settings, PROJECT_STAGES, disburse, hasPassedAcceptance, nextStage, paymentAmountRefusal, signStage, stageIndex, type ProjectRecord, type ProjectStage, type WorksActor } from '../../../src/core/index.ts';
import { project } from './fixtures.ts';

const AT = '2002-04-01T02:00:00.000Z';
const unitAccount = (unit: string): WorksActor => ({ username: `u-${unit}`, role: 'department', scope: [unit] });
const admin: WorksActor = { username: 'admin', role: 'admin', scope: [] };
const leader: WorksActor = { username: 'lead', role: 'leader', scope: [] };

/** Signs every stage up to `stage` with the right accounts (paying before 拨付). */
function through(stage: ProjectStage): ProjectRecord {
  let record = project();
  while (record.stage !== stage) {
    const to = nextStage(record.stage)!;
    if (to === 'paid') {
      const paid = disburse(record, { id: 'd1', amountWan: 10 }, 100, unitAccount(settings.stages.paid), AT, settings);
      if (!paid.ok) throw new Error(paid.error.message);
      record = paid.project;
    }
    const result = signStage(record, { to }, unitAccount(settings.stages[to]), AT, settings);
    if (!result.ok) throw new Error(result.error.message);
    record = result.project;
  }
  return record;
}

describe('the stage machine', () => {
  it('takes a project through every stage, each signed by its reviewing unit, and records who signed', () => {
    const record = through('paid');
    expect(record.history.map((event) => event.to)).toEqual(PROJECT_STAGES.slice(1));
    expect(record.history.map((event) => event.unit)).toEqual(PROJECT_STAGES.slice(1).map((stage) => settings.stages[stage as Exclude<ProjectStage, 'submitted'>]));
  });

  it('refuses any stage but the next one as out of order (E_STATE), whoever signs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROJECT_STAGES), fc.constantFrom(...PROJECT_STAGES), (from, to) => {
        fc.pre(to !== nextStage(from));
        const result = signStage(through(from), { to }, to === 'submitted' ? admin : unitAccount(settings.stages[to]), AT, settings);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('E_STATE');
      }),
    );
  });

  it('refuses the next stage to an account of any other unit, to admin and to a leader (E_FORBIDDEN)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROJECT_STAGES.slice(0, -2)), fc.constantFrom(...settings.units.map((unit) => unit.id), 'admin', 'leader'), (from, who) => {
        const to = nextStage(from)!;
        fc.pre(who !== settings.stages[to]);
        const actor = who === 'admin' ? admin : who === 'leader' ? leader : unitAccount(who);
        const result = signStage(through(from), { to }, actor, AT, settings);
        expect(result.ok ? null : result.error.code).toBe('E_FORBIDDEN');
        if (!result.ok) expect(result.error.message).toContain(settings.units.find((unit) => unit.id === settings.stages[to])!.name);
      }),
    );
  });
});

describe('disbursements', () => {
  const finance = unitAccount(settings.stages.paid);

  it('are refused before 验收 with a message that says so, at every earlier stage', () => {
    for (const stage of PROJECT_STAGES.filter((item) => stageIndex(item) < stageIndex('accepted'))) {
      const result = disburse(through(stage), { id: 'd', amountWan: 1 }, 100, finance, AT, settings);
      expect(result.ok).toBe(false);
      if (!result.ok) expect([result.error.code, result.error.message]).toEqual(['E_STATE', expect.stringContaining('尚未验收')]);
    }
  });

  it('never take a source above its remaining allocation without an admin override with a reason', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0.1, max: 500, noNaN: true }), (remaining, amount) => {
        const accepted = through('accepted');
        const plain = disburse(accepted, { id: 'd', amountWan: amount }, remaining, finance, AT, settings);
        expect(plain.ok).toBe(amount <= remaining + 1e-9);
        if (amount > remaining + 1e-9) {
          const byUnit = disburse(accepted, { id: 'd', amountWan: amount, override: { reason: '急需' } }, remaining, finance, AT, settings);
          expect(byUnit.ok ? null : byUnit.error.code).toBe('E_FORBIDDEN');
          const noReason = disburse(accepted, { id: 'd', amountWan: amount, override: { reason: ' ' } }, remaining, admin, AT, settings);
          expect(noReason.ok ? null : noReason.error.code).toBe('E_INPUT');
          const byAdmin = disburse(accepted, { id: 'd', amountWan: amount, override: { reason: '急需' } }, remaining, admin, AT, settings);
          expect(byAdmin.ok && byAdmin.disbursement.override).toEqual({ reason: '急需' });
        }
      }),
    );
  });

  it('hasPassedAcceptance(stage) is true exactly at the stages a payment is accepted (the form and the veto read it)', () => {
    for (const stage of PROJECT_STAGES) {
      const record = through(stage);
      expect(hasPassedAcceptance(stage), stage).toBe(disburse(record, { id: 'd', amountWan: 1 }, 100, finance, AT, settings).ok);
    }
  });

  it('paymentAmountRefusal refuses what disburse refuses as an amount (E_INPUT), with the same words', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.constant(0), fc.constant(Number.NaN)), (amount) => {
        const result = disburse(through('accepted'), { id: 'd', amountWan: amount }, Infinity, finance, AT, settings);
        const refusal = paymentAmountRefusal(amount);
        expect(refusal === null).toBe(result.ok || result.error.code !== 'E_INPUT');
        if (!result.ok && result.error.code === 'E_INPUT') expect(result.error.message).toBe(refusal);
      }),
      { numRuns: 200 },
    );
  });

  it('are refused to a leader and to a unit that does not sign 拨付', () => {
    const accepted = through('accepted');
    expect(disburse(accepted, { id: 'd', amountWan: 1 }, 100, leader, AT, settings).ok).toBe(false);
    expect(disburse(accepted, { id: 'd', amountWan: 1 }, 100, unitAccount('cjb'), AT, settings).ok).toBe(false);
  });
});
