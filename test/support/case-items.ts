/** Cases for the cases UI's tests: a record as the API answers it, with its colour. */
import type { CaseColour, CaseState } from '../../src/core/index.ts';
import type { CaseItem } from '../../src/state/cases.ts';

export function caseItem(number: number, overrides: Partial<CaseItem> = {}): CaseItem {
  const state: CaseState = overrides.state ?? 'reported';
  return {
    id: `case-${number}`,
    number,
    community: 'A',
    communityName: '社区A',
    street: 'S1',
    streetName: '街道一',
    category: '环境卫生',
    categoryLabel: '环境卫生',
    note: `问题 ${number}`,
    lon: 120.6 + number / 1000,
    lat: 28.0 + number / 1000,
    photos: [],
    state,
    unit: { kind: 'street', id: 'S1' },
    unitName: '街道一',
    referral: null,
    deadline: null,
    reopenings: 0,
    reportedAt: '2002-06-03T02:00:00.000Z',
    closedAt: null,
    inspectionId: null,
    roundId: null,
    history: [{ at: '2002-06-03T02:00:00.000Z', actor: 'inspector1', transition: 'reported', from: null, to: 'reported', note: '' }],
    colour: null as CaseColour | null,
    ...overrides,
  };
}
