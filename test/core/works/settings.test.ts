/** The campaign settings' `works` section: absent parts are the core's defaults, a bad field is named. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCEPTANCE, DEFAULT_WORKS_SETTINGS, campaignWorksSettings } from '../../../src/core/index.ts';

describe('campaignWorksSettings', () => {
  it('without a works section the defaults hold', () => {
    expect(campaignWorksSettings({})).toEqual({ ...DEFAULT_WORKS_SETTINGS, acceptance: DEFAULT_ACCEPTANCE });
  });

  it('a partial section overrides only what it names', () => {
    const settings = campaignWorksSettings({ works: { stages: { paid: 'sjj' }, lag: { minSpentShare: 0.5 }, acceptance: { landscapeRoute: false } } });
    expect(settings.stages).toEqual({ ...DEFAULT_WORKS_SETTINGS.stages, paid: 'sjj' });
    expect(settings.lag).toEqual({ ...DEFAULT_WORKS_SETTINGS.lag, minSpentShare: 0.5 });
    expect(settings.acceptance).toEqual({ ...DEFAULT_ACCEPTANCE, landscapeRoute: false });
  });

  it('a bad value or a stage signed by an unknown unit is refused with the field named', () => {
    expect(() => campaignWorksSettings({ works: { lag: { minSpentShare: 2 } } })).toThrow(/works\.lag\.minSpentShare/);
    expect(() => campaignWorksSettings({ works: { stages: { reviewed: 'nobody' } } })).toThrow('活动设置 works.stages.reviewed：单位「nobody」不在 works.units 中');
  });
});
