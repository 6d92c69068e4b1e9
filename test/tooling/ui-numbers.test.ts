/**
 * Issue 15, done when: no UI component computes a displayed number. The lint rule
 * (`uiComputesNoNumbers` in eslint.config.js, on src/ui) fires on the ways components used to
 * count and sum analysis values, and the app's own components pass it (`npm run lint`).
 */
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(code: string, filePath = 'src/ui/report/Violation.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-syntax').map((message) => message.message);
}

describe('lint rule: components read the core\'s numbers, they do not compute them', () => {
  test.each([
    ['a patch count by filtering clusters', 'export const n = (report: { clusters: { members: number[] }[] }) => report.clusters.filter((c) => c.members.length > 1).length;'],
    ['patches as clusters minus isolated points', 'export const n = (report: { clusters: number[]; isolated: number[] }) => report.clusters.length - report.isolated.length;'],
    ['the designated count by summing the selection', 'export const n = (selected: Uint8Array) => selected.reduce((sum, value) => sum + value, 0);'],
    ['a route tag from the plan size and the target', 'export const n = (planned: number, route: { size: number }, target: number) => planned + route.size > target;'],
    ['a budget share from the status row', 'export const n = (status: { budgetSpentWan: number; budgetAllocatedWan: number }) => status.budgetSpentWan / status.budgetAllocatedWan;'],
    ['a cluster label from its id', "import { clusterLabel } from '../../core/index.ts';\nexport const n = (id: number) => clusterLabel(id);"],
  ])('rejects %s in src/ui', async (_what, code) => {
    expect((await restricted(`${code}\n`)).length).toBeGreaterThan(0);
  });

  test('allows reading the answer and layout arithmetic (indices, pixels, colours)', async () => {
    const code = [
      'export const a = (answer: { counts: { patches: number } }) => answer.counts.patches;',
      'export const b = (steps: number[], i: number) => steps[Math.min(i, steps.length - 1)];',
      'export const c = (colors: string[], id: number) => colors[id % colors.length];',
      'export const d = (rows: number[], top: number) => (rows.length - top) * 30;',
      '',
    ].join('\n');
    expect(await restricted(code)).toEqual([]);
  });

  test('the rule holds only in src/ui: core computes these numbers', async () => {
    expect(await restricted('export const n = (report: { clusters: number[]; isolated: number[] }) => report.clusters.length - report.isolated.length;\n', 'src/core/plan/fine.ts')).toEqual([]);
  });
});
