import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  caseTallies,
  communityGrade,
  defaultCampaignConfig,
  GRADES,
  gradeCounts,
  gradeRank,
  gradeSummary,
  gradeTerms,
  laggingReport,
  LAGGING_RULES,
  NO_CASES,
  parseCampaignConfig,
  streetGrade,
  worseGrade,
  type CampaignConfig,
  type CaseColour,
  type CaseState,
  type Grade,
  type GradedCase,
  type LaggingRuleId,
} from '../../../src/core/index.ts';
import { CASE_STATES } from '../../../src/core/supervision/types.ts';
import { luchengEngine } from '../../e2e/lucheng.ts';
import { config as laggingConfig } from '../lagging/fixtures.ts';

const config = (grading: Partial<CampaignConfig['grading']> = {}, lagging: Partial<CampaignConfig['lagging']> = {}): CampaignConfig => {
  const base = laggingConfig(lagging);
  return { ...base, grading: { ...base.grading, ...grading } };
};

const ruleIds = LAGGING_RULES.map((rule) => rule.id);
const arbitraryRules = fc.subarray(ruleIds).map((rules) => ({ rules: rules as LaggingRuleId[], reasons: rules.map((rule) => `${rule} 未达标`) }));
const arbitraryCase: fc.Arbitrary<GradedCase> = fc.record({
  community: fc.constantFrom('A', 'B'),
  street: fc.constant('S1'),
  state: fc.constantFrom(...CASE_STATES),
  colour: fc.constantFrom<CaseColour | null>(null, 'blue', 'yellow', 'red'),
});
const arbitraryGrading = fc.record({
  lowScore: fc.boolean(),
  stagnant: fc.boolean(),
  minRedCases: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  minOpenCases: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  streetRedShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
  streetGreenShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
});
const arbitraryGrade = fc.constantFrom<Grade>(...GRADES);

describe('campaign config grading section', () => {
  test('parseCampaignConfig() fills the grading defaults and rejects a share out of range with its path', () => {
    expect(defaultCampaignConfig().grading).toEqual({ lowScore: true, stagnant: true, minRedCases: 1, minOpenCases: 1, streetRedShare: 0.5, streetGreenShare: 1 });
    expect(() => parseCampaignConfig({ grading: { streetRedShare: 0 } })).toThrow(/grading\.streetRedShare/);
    expect(parseCampaignConfig({ grading: { minRedCases: null } }).grading.minRedCases).toBeNull();
  });
});

describe('communityGrade', () => {
  test('communityGrade() is red for a low score or no improvement, yellow for any other failing rule, green for none, with the rule and numbers in the reasons', () => {
    const c = config();
    expect(communityGrade({ rules: ['score', 'lighting'], reasons: ['检查得分 67 < 75', '楼道亮灯率 80% < 95%'] }, NO_CASES, c)).toEqual({
      grade: 'red',
      reasons: [
        { rule: 'score', grade: 'red', text: '检查得分 67 < 75（低分）' },
        { rule: 'lighting', grade: 'yellow', text: '楼道亮灯率 80% < 95%' },
      ],
    });
    expect(communityGrade({ rules: ['lighting', 'stagnant'], reasons: ['楼道亮灯率 80% < 95%', '近 3 次检查无提升（80 → 78）'] }, NO_CASES, c).reasons.map((reason) => reason.rule)).toEqual(['stagnant', 'lighting']);
    expect(communityGrade({ rules: ['facilities'], reasons: ['缺警务室、阅览室、医疗站（3 项 > 2 项）'] }, NO_CASES, c).grade).toBe('yellow');
    expect(communityGrade({ rules: [], reasons: [] }, NO_CASES, c)).toEqual({ grade: 'green', reasons: [] });
  });

  test('communityGrade() counts open red cases as red and other open cases as yellow; switching the rules off turns them into yellow or nothing', () => {
    expect(communityGrade({ rules: [], reasons: [] }, { open: 2, red: 1 }, config())).toEqual({
      grade: 'red',
      reasons: [
        { rule: 'redCases', grade: 'red', text: '红色督办问题 1 件（≥ 1 件）' },
        { rule: 'openCases', grade: 'yellow', text: '未整改问题 2 件（≥ 1 件）' },
      ],
    });
    expect(communityGrade({ rules: [], reasons: [] }, { open: 2, red: 1 }, config({ minRedCases: 2 })).grade).toBe('yellow');
    expect(communityGrade({ rules: [], reasons: [] }, { open: 2, red: 1 }, config({ minRedCases: null, minOpenCases: null })).grade).toBe('green');
    expect(communityGrade({ rules: ['score'], reasons: ['检查得分 67 < 75'] }, NO_CASES, config({ lowScore: false })).grade).toBe('yellow');
  });

  test('caseTallies() counts a case as open until it is verified or closed, and red only while open', () => {
    const tallies = caseTallies([
      { community: 'A', street: 'S', state: 'in_progress', colour: 'red' },
      { community: 'A', street: 'S', state: 'fixed', colour: 'yellow' },
      { community: 'A', street: 'S', state: 'closed', colour: 'red' },
      { community: 'B', street: 'S', state: 'verified', colour: null },
    ]);
    expect(tallies.get('A')).toEqual({ open: 2, red: 1 });
    expect(tallies.get('B')).toBeUndefined();
  });

  test('property: adding a red case never makes a community grade greener', () => {
    fc.assert(
      fc.property(arbitraryRules, fc.array(arbitraryCase, { maxLength: 6 }), arbitraryGrading, fc.constantFrom<CaseState>('reported', 'registered', 'assigned', 'in_progress', 'fixed'), (assessment, cases, grading, state) => {
        const c = config(grading);
        const before = communityGrade(assessment, caseTallies(cases).get('A') ?? NO_CASES, c).grade;
        const after = communityGrade(assessment, caseTallies([...cases, { community: 'A', street: 'S1', state, colour: 'red' }]).get('A') ?? NO_CASES, c).grade;
        expect(gradeRank(after)).toBeLessThanOrEqual(gradeRank(before));
      }),
    );
  });

  test('property: a community with a failing lagging rule (亮红灯) is never green, and without cases green means no failing rule', () => {
    fc.assert(
      fc.property(arbitraryRules, arbitraryGrading, (assessment, grading) => {
        const { grade } = communityGrade(assessment, NO_CASES, config(grading));
        expect(grade === 'green').toBe(assessment.rules.length === 0);
      }),
    );
  });
});

describe('streetGrade', () => {
  test('streetGrade() is red under the score line (落后街道) or with half its communities red, green when all are green, yellow between, saying the numbers', () => {
    const c = config();
    expect(streetGrade({ score: 70.8 }, ['green', 'green'], c).reasons[0]!.text).toBe('平均得分 70.8 < 75（落后街道）');
    expect(streetGrade({ score: 80 }, ['red', 'yellow', 'red', 'green'], c)).toEqual({ grade: 'red', reasons: [{ rule: 'streetRedShare', grade: 'red', text: '红色社区 2/4 个（50%，≥ 50%）' }] });
    expect(streetGrade({ score: 80 }, ['red', 'yellow', 'green'], c)).toMatchObject({ grade: 'yellow', reasons: [{ text: '有红色社区 1 个' }] });
    expect(streetGrade({ score: 80 }, ['yellow', 'green', 'green', 'green'], c)).toMatchObject({ grade: 'yellow', reasons: [{ text: '绿色社区 3/4 个（75%，< 100%）' }] });
    expect(streetGrade({ score: 80 }, ['yellow', 'green', 'green', 'green'], config({ streetGreenShare: 0.75 })).grade).toBe('green');
    expect(streetGrade({ score: null }, [], c)).toEqual({ grade: 'green', reasons: [] });
  });

  test('property: a street grade lies between its worst and best community grade when the score line follows its members', () => {
    fc.assert(
      fc.property(fc.array(arbitraryGrade, { minLength: 1, maxLength: 12 }), arbitraryGrading, (members, grading) => {
        // A street under the line has a member under it, which is red when the low-score rule is on.
        const score = grading.lowScore && members.includes('red') ? 60 : 90;
        const { grade } = streetGrade({ score }, members, config(grading));
        const ranks = members.map(gradeRank);
        expect(gradeRank(grade)).toBeGreaterThanOrEqual(Math.min(...ranks));
        expect(gradeRank(grade)).toBeLessThanOrEqual(Math.max(...ranks));
      }),
    );
  });

  test('property: making one community redder never makes its street greener (red < yellow < green is respected by the roll-up)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryGrade, { minLength: 1, maxLength: 12 }), fc.nat(), arbitraryGrade, arbitraryGrading, fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), (members, at, worse, grading, score) => {
        const i = at % members.length;
        const changed = members.map((grade, k) => (k === i ? worseGrade(grade, worse) : grade));
        const c = config(grading);
        expect(gradeRank(streetGrade({ score }, changed, c).grade)).toBeLessThanOrEqual(gradeRank(streetGrade({ score }, members, c).grade));
      }),
    );
  });
});

describe('laggingReport grades', () => {
  test('laggingReport() grades the Lucheng demo: the 164 red lights split into red and yellow, and the counts add up', () => {
    const report = laggingReport(luchengEngine().dataset);
    const { communities } = report.grades;
    const redLights = report.communities.filter((community) => community.lagging).length;
    expect(redLights).toBe(164);
    expect(communities.red + communities.yellow).toBe(redLights);
    expect(communities.red).toBeGreaterThan(20);
    expect(communities.yellow).toBeGreaterThan(20);
    expect(communities).toEqual(gradeCounts(report.communities.map((community) => community.grade)));
    // Every red community is red for a named reason: a low score or no improvement.
    for (const community of report.communities.filter((candidate) => candidate.grade === 'red')) expect(community.gradeReasons[0]!.grade).toBe('red');
    // The five streets under the line (落后街道) are red.
    for (const street of report.streets.filter((candidate) => candidate.lagging)) expect(street.grade).toBe('red');
    expect(report.streets.reduce((sum, street) => sum + street.gradeCounts.red, 0)).toBe(communities.red);
  });

  test('gradeTerms() names the rules of each grade from the config (the score line, the window, the case counts)', () => {
    const terms = gradeTerms(config());
    expect(terms.red.rule).toBe('任一：低分（最新检查得分低于 75 分）、近 3 次检查无提升、红色督办问题 ≥ 1 件');
    expect(terms.red.short).toBe('低分（< 75 分）、3 次无提升或红色督办');
    expect(terms.yellow.rule).toContain('配套设施缺项');
    expect(terms.yellow.rule).not.toContain('检查得分低');
    expect(gradeTerms(config({ lowScore: false }, { minScore: 60 })).yellow.rule).toContain('检查得分低');
    expect(gradeTerms(config({ minRedCases: null, lowScore: false, stagnant: false })).red.rule).toBe('未设红色规则');
  });
});

describe('gradeSummary', () => {
  test('gradeSummary() on the Lucheng demo says how the red lights split into red and yellow, for communities and streets', () => {
    const data = luchengEngine().dataset;
    const report = laggingReport(data);
    const summary = gradeSummary(report, data.config);
    expect(summary.redLights).toBe(164);
    expect(summary.redLightsRed + summary.redLightsYellow).toBe(summary.redLights);
    expect(summary.byCasesOnly).toBe(0);
    expect(summary.line).toBe(`红 ${summary.communities.red} 个、黄 ${summary.communities.yellow} 个、绿 ${summary.communities.green} 个（共 171 个社区）`);
    expect(summary.split).toBe(`164 个亮红灯（任一落后规则未达标）中：红 ${summary.redLightsRed} 个、黄 ${summary.redLightsYellow} 个`);
    expect(summary.streetLine).toMatch(/^街道：红 \d+ 个、黄 \d+ 个、绿 \d+ 个$/);
  });

  test('property: red and yellow red lights always add up to the red lights, whatever the grading switches', () => {
    const data = luchengEngine().dataset;
    fc.assert(
      fc.property(arbitraryGrading, (grading) => {
        const campaign = { ...data.config, grading };
        const summary = gradeSummary(laggingReport({ ...data, config: campaign }), campaign);
        expect(summary.redLightsRed + summary.redLightsYellow).toBe(summary.redLights);
        expect(summary.communities.red + summary.communities.yellow + summary.communities.green).toBe(summary.total);
      }),
      { numRuns: 20 },
    );
  });
});
