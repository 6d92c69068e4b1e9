import { describe, expect, test } from 'vitest';
import { isConnected } from '../../src/core/index.ts';
import { createAnalysisSession } from '../../src/worker/session.ts';
import { gridLoadResult } from '../support/load-result.ts';

describe('createAnalysisSession() bestSet', () => {
  test('bestSet answers the proven best contiguous set that holds the must-include community', async () => {
    const { result, session } = await gridLoadResult();
    const answer = await session.handle('bestSet', { size: 3, must: [0] });
    expect(answer).toMatchObject({ optimal: true, contiguous: true, cancelled: false, size: 3 });
    expect(answer.members).toContain(0);
    expect(isConnected(result.graph, answer.members)).toBe(true);
  });

  test('cancelBestSet stops a running search, which answers with the best found and a bound, never optimal', async () => {
    const session = createAnalysisSession();
    await session.handle('load', { kind: 'synthetic', cells: 3000, seed: 5 });
    const running = session.handle('bestSet', { size: 40 });
    // The search pauses every few milliseconds; the cancel arrives at the first pause.
    const cancel = await session.handle('cancelBestSet', {});
    const answer = await running;
    expect(cancel.cancelled).toBe(true);
    expect(answer.cancelled).toBe(true);
    expect(answer.optimal).toBe(false);
    expect(answer.bound).toBeGreaterThanOrEqual(answer.objective);
  });

  test('whatIf answers the routes per pair and the join of a goal given by members', async () => {
    const { session } = await gridLoadResult();
    // Corners of the 3 × 3 grid: four isolated points.
    const designated = Uint8Array.of(1, 0, 1, 0, 0, 0, 1, 0, 1);
    const answer = (await session.handle('whatIf', { designated, goalMembers: [0, 2] })).exact;
    expect(answer.join!.goal).toHaveLength(2);
    expect(answer.join!.routes.map((route) => route.nodes)).toEqual([[1]]);
    expect(answer.pairs!.length).toBeGreaterThan(0);
  });
});
