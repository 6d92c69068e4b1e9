import { describe, expect, test } from 'vitest';
import { laggingTerms, LAGGING_RULES, lowScoreTerm } from '../../../src/core/index.ts';
import { config } from './fixtures.ts';

describe('laggingTerms (issue 16: one word per meaning of 落后)', () => {
  test('laggingTerms() gives three different words: any rule failing, a low score, a street under the line', () => {
    const terms = laggingTerms(config());
    const words = [terms.community.word, terms.lowScore!.word, terms.street!.word];
    expect(new Set(words).size).toBe(3);
    expect(terms.community.word).toBe('亮红灯');
  });

  test('laggingTerms() says which rules each word counts: every switched-on rule for 亮红灯, the score line for the others', () => {
    const terms = laggingTerms(config());
    for (const rule of LAGGING_RULES) expect(terms.community.rule).toContain(rule.label);
    expect(terms.lowScore!.rule).toContain('75 分');
    expect(terms.street!.rule).toContain('平均分低于 75 分');
    expect(laggingTerms(config({ minScore: 60 })).lowScore!.rule).toContain('60 分');
  });

  test('laggingTerms() drops the low-score and street words when the score rule is off, and lists only the rules that are on', () => {
    const terms = laggingTerms(config({ minScore: null, stagnantRounds: null }));
    expect(terms.lowScore).toBeNull();
    expect(terms.street).toBeNull();
    expect(terms.community.rule).not.toContain('检查得分低');
    expect(terms.community.rule).not.toContain('检查无提升');
    expect(lowScoreTerm(null)).toBeNull();
  });
});
