import { expect, test } from 'vitest';
import { inputErrorOf } from '../../support/input-error.ts';
import { defaultCampaignConfig, parseCampaignConfig } from '../../../src/core/index.ts';


test('parseCampaignConfig() fills every masked number with its documented default', () => {
  const config = parseCampaignConfig('{}');
  expect(config).toEqual(defaultCampaignConfig());
  expect(config.targets.demoCommunities).toBe(12);
  expect(config.lightingThreshold).toBe(0.95);
  expect(config.facilities).toEqual({ minAreaM2: 300, maxAreaM2: 600 });
  expect(config.deadlines.map((deadline) => deadline.date)).toEqual(['2002-06-30', '2002-11-07']);
  expect(config.adjacency).toEqual({ mode: 'rook', minSharedMeters: 5, toleranceMeters: 1 });
});

test('parseCampaignConfig() keeps given values and fills nested defaults', () => {
  const config = parseCampaignConfig({ targets: { demoCommunities: 15 }, adjacency: { mode: 'queen' } });
  expect(config.targets).toEqual({ demoCommunities: 15, civilizedShare: 0.6, newCityLevel: 10, cityLevelAtStart: null });
  expect(config.adjacency.mode).toBe('queen');
});

test('parseCampaignConfig() names the path and expectation of a wrong value', () => {
  expect(inputErrorOf(() => parseCampaignConfig({ lightingThreshold: 95 }))).toMatchObject({ code: 'E_CONFIG', path: 'lightingThreshold', actual: '95' });
  const deadline = inputErrorOf(() => parseCampaignConfig({ deadlines: [{ id: 'demo', label: '示范', date: '6月底' }] }, 'my.json'));
  expect(deadline).toMatchObject({ file: 'my.json', path: 'deadlines[0].date' });
  expect(deadline.expected).toContain('YYYY-MM-DD');
  expect(inputErrorOf(() => parseCampaignConfig({ adjacency: { mode: 'bishop' } })).expected).toContain('rook / queen');
  expect(inputErrorOf(() => parseCampaignConfig({ targets: { demoCommunities: 'twelve' } })).expected).toBe('数字');
});

test('parseCampaignConfig() rejects misspelt keys instead of ignoring them', () => {
  const error = inputErrorOf(() => parseCampaignConfig({ lightingTreshold: 0.9 }));
  expect(error).toMatchObject({ code: 'E_CONFIG', path: 'lightingTreshold', actual: '未知字段 "lightingTreshold"' });
  expect(error.expected).toContain('是否想写「lightingThreshold」');
});

test('parseCampaignConfig() rejects a facility area range whose minimum exceeds its maximum', () => {
  expect(inputErrorOf(() => parseCampaignConfig({ facilities: { minAreaM2: 700, maxAreaM2: 600 } })).path).toBe('facilities.maxAreaM2');
});
