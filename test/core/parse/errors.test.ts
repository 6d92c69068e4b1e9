import { expect, test } from 'vitest';
import { describeValue, formatInputError } from '../../../src/core/index.ts';

test('describeValue() shows short values as they are and summarises long ones', () => {
  expect(describeValue(['x', 28])).toBe('["x",28]');
  expect(describeValue(Array.from({ length: 30 }, (_, i) => i))).toBe('长度为 30 的数组');
  expect(describeValue(undefined)).toBe('缺失');
  expect(describeValue('')).toBe('空字符串');
  expect(describeValue('a'.repeat(50))).toBe(`"${'a'.repeat(40)}…"`);
});

test('formatInputError() names the file, the path, the field, the expectation and the value', () => {
  expect(formatInputError({ code: 'E_VALUE', file: 'status.csv', path: '第 3 行', field: '精品示范社区', expected: '是/否', actual: '"也许"' })).toBe('文件 status.csv，第 3 行，字段「精品示范社区」：应为是/否，实际为 "也许"');
});
