import { describe, expect, it } from 'vitest';
import { REFERRAL_COPIES, applyTransition, referralNumber, referralSlip, referralYear } from '../../../src/core/index.ts';
import { admin, reported, settings } from './fixtures.ts';

describe('referralNumber()', () => {
  it('writes the number as the office does: 鹿创抄〔2002〕第 12 号', () => {
    expect(referralNumber(12, 2002, settings)).toBe('鹿创抄〔2002〕第 12 号');
  });

  it('takes the year from the settings, else from the issue date in China’s time', () => {
    expect(referralYear('2002-12-31T17:00:00Z', settings)).toBe(2003);
    expect(referralYear('2002-12-31T17:00:00Z', { referral: { ...settings.referral, year: 2002 } })).toBe(2002);
  });
});

describe('referralSlip()', () => {
  it('names the department, the deadline, the three copies and every contact since the referral', () => {
    let record = reported('building');
    for (const to of ['registered', 'assigned'] as const) {
      const result = applyTransition(record, { to, note: to === 'assigned' ? '请市城管执法局拆除' : '' }, admin, new Date('2002-03-08T02:00:00Z'), settings);
      if (!result.ok) throw new Error(result.error.message);
      record = result.case;
    }
    const issuedAt = record.history.at(-1)!.at;
    const slip = referralSlip(record, 3, issuedAt, { community: '广化社区', street: '五马街道', category: '乱搭建', department: '市城管执法局' }, settings);
    expect(slip.number).toBe('鹿创抄〔2002〕第 3 号');
    expect(slip.department).toBe('市城管执法局');
    expect(slip.deadline).toBe('2002-03-22');
    expect(slip.copies).toEqual(REFERRAL_COPIES);
    expect(slip.contacts.map((contact) => contact.text)).toEqual(['交办：请市城管执法局拆除（整改期限 2002-03-22）']);
  });
});
