import { describe, expect, test } from 'vitest';
import { baselineSelection, classKey, FACILITY_CLASS_BREAKS, FACILITY_ITEMS, laggingReport, scoreClassBreaks, statusClassCounts, statusClassOf, type StatusClassLayer } from '../../src/core/index.ts';
import { luchengDataset } from '../data/lucheng-files.ts';

const dataset = luchengDataset(['communities', 'status', 'inspections', 'campaign']);
const designated = baselineSelection(dataset);
const lagging = laggingReport(dataset);
const input = { dataset, designated, assessments: lagging.communities };
const LAYERS: StatusClassLayer[] = ['demo', 'level', 'facility', 'score', 'lagging', 'grade', 'street'];

describe('status classes (the legend counts and the map breaks, issue 15)', () => {
  test('scoreClassBreaks() puts the lagging threshold between 60 and 85 and drops it when the rule is off', () => {
    expect(scoreClassBreaks(75)).toEqual([60, 75, 85, 95]);
    expect(scoreClassBreaks(null)).toEqual([60, 85, 95]);
    expect(scoreClassBreaks(60)).toEqual([60, 85, 95]);
    expect(FACILITY_CLASS_BREAKS).toEqual([7, 10, FACILITY_ITEMS.length]);
  });

  test('classKey() gives the lower bound of the class, -1 for unknown', () => {
    expect([0, 6, 7, 9, 10, 11, 12, -1].map((value) => classKey(value, FACILITY_CLASS_BREAKS))).toEqual(['0', '0', '7', '7', '10', '10', '12', '-1']);
    expect(classKey(74.5, scoreClassBreaks(75))).toBe('60');
    expect(classKey(75, scoreClassBreaks(75))).toBe('75');
  });

  test.each(LAYERS)('statusClassCounts(%s) counts every community once', (layer) => {
    const counts = statusClassCounts(layer, input);
    expect([...counts.values()].reduce((sum, count) => sum + count, 0)).toBe(dataset.boundaries.features.length);
  });

  test('statusClassCounts() agrees with the plan, the lagging report and the status table', () => {
    expect(statusClassCounts('demo', input).get('none')).toBe(dataset.boundaries.features.length - designated.reduce((sum, value) => sum + value, 0));
    expect(statusClassCounts('lagging', input).get('lagging')).toBe(lagging.communities.filter((community) => community.lagging).length);
    for (const grade of ['red', 'yellow', 'green'] as const) expect(statusClassCounts('grade', input).get(grade) ?? 0).toBe(lagging.grades.communities[grade]);
    expect(statusClassCounts('level', input).get('city')).toBe(dataset.status.filter((row) => row?.level === 'city').length);
    expect(statusClassCounts('score', input).get('-1') ?? 0).toBe(lagging.communities.filter((community) => community.score === null).length);
  });

  test('statusClassOf() on the demo layer counts a theme given in planning as the community\'s theme', () => {
    const index = dataset.boundaries.features.findIndex((feature) => !designated[feature.index]);
    const plan = designated.slice();
    plan[index] = 1;
    const code = dataset.boundaries.features[index]!.id;
    expect(statusClassOf('demo', index, { ...input, designated: plan, plannedThemes: { [code]: 'western' } })).toBe('western');
    expect(statusClassOf('demo', index, input)).toBe('none');
  });

  test('statusClassCounts(score) follows the as-of round', () => {
    const early = laggingReport(dataset, { asOf: lagging.rounds[0]!.date });
    const counts = statusClassCounts('score', { ...input, assessments: early.communities });
    expect(counts.get('-1') ?? 0).toBe(early.communities.filter((community) => community.score === null).length);
  });
});
