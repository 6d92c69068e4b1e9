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
    expect(() => campaignWorksSettings({ works: { adminSignsFor: 'nobody' } })).toThrow('活动设置 works.adminSignsFor：单位「nobody」不在 works.units 中');
  });

  it('the unit an admin signs for is data: the default team’s 创建办, the one named, none when null or when the campaign names its own units without it', () => {
    expect(campaignWorksSettings({}).adminSignsFor).toBe('cjb');
    expect(campaignWorksSettings({ works: { adminSignsFor: 'czj' } }).adminSignsFor).toBe('czj');
    expect(campaignWorksSettings({ works: { adminSignsFor: null } }).adminSignsFor).toBeNull();
    const units = [{ id: 'a', name: '甲' }];
    const stages = { reviewed: 'a', evaluated: 'a', building: 'a', supervised: 'a', accepted: 'a', paid: 'a' };
    expect(campaignWorksSettings({ works: { units, stages } }).adminSignsFor).toBeNull();
    expect(campaignWorksSettings({ works: { units, stages, adminSignsFor: 'a' } }).adminSignsFor).toBe('a');
  });
});
