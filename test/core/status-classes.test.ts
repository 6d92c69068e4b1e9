import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { baselineSelection, classKey, FACILITY_CLASS_BREAKS, FACILITY_ITEMS, laggingReport, scoreClassBreaks, scoreClassesUnderLine, statusClassCounts, statusClassOf, type StatusClassLayer } from '../../src/core/index.ts';
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

  test('scoreClassBreaks() keeps a score line below 60 or above 85 as a class edge (issue 16: a line of 50 was dropped)', () => {
    expect(scoreClassBreaks(50)).toEqual([50, 60, 85, 95]);
    expect(scoreClassBreaks(90)).toEqual([60, 85, 90, 95]);
    expect(scoreClassBreaks(100)).toEqual([60, 85, 95, 100]);
    expect(scoreClassBreaks(0)).toEqual([60, 85, 95]);
    expect(scoreClassesUnderLine(50)).toBe(1);
  });

  test('scoreClassBreaks(line) for any line is increasing within (0, 100], has the line as an edge, and the classes under the line hold exactly the scores under it', () => {
    fc.assert(fc.property(fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }))), fc.double({ min: 0, max: 100, noNaN: true }), (line, score) => {
      const breaks = scoreClassBreaks(line);
      breaks.forEach((limit, i) => {
        expect(limit).toBeGreaterThan(i === 0 ? 0 : breaks[i - 1]!);
        expect(limit).toBeLessThanOrEqual(100);
      });
      if (line !== null && line > 0) expect(breaks).toContain(line);
      // The score's class is the one whose bounds hold it; it is one of the classes under the line iff the score is.
      const bounds = [0, ...breaks];
      const index = bounds.indexOf(Number(classKey(score, breaks)));
      expect(score).toBeGreaterThanOrEqual(bounds[index]!);
      expect(score).toBeLessThan(bounds[index + 1] ?? Infinity);
      if (line !== null) expect(index < scoreClassesUnderLine(line)).toBe(score < line);
    }));
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
