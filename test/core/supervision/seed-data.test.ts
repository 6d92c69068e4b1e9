/** data/lucheng/supervision.json: reproducible from its generator, and every case a path of the core's state machine. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { applyTransition, caseColour, reportCase, type CaseRecord, type Role } from '../../../src/core/index.ts';
import { settings } from './fixtures.ts';

const file = fileURLToPath(new URL('../../../data/lucheng/supervision.json', import.meta.url));
const script = fileURLToPath(new URL('../../../scripts/generate-lucheng-supervision.ts', import.meta.url));
const seed = JSON.parse(readFileSync(file, 'utf8')) as { demoNow: string; rounds: { id: string; kind: string }[]; cases: CaseRecord[]; referrals: { caseNumber: number; serial: number }[] };
const out = mkdtempSync(join(tmpdir(), 'lianpian-supervision-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The role that made an event, from the generator's illustrative usernames. */
const roleOf = (username: string): Role => (username === 'admin' ? 'admin' : username.startsWith('ducha-') ? 'inspector' : username.startsWith('jiedao-') ? 'street' : 'department');

describe('data/lucheng/supervision.json', () => {
  it('is what scripts/generate-lucheng-supervision.ts writes, byte for byte', () => {
    execFileSync(process.execPath, ['--import', 'tsx', script, '--out', join(out, 'supervision.json'), '--quiet'], { stdio: 'pipe', timeout: 55_000 });
    expect(readFileSync(join(out, 'supervision.json')).equals(readFileSync(file))).toBe(true);
  }, 60_000);

  it('replays every case through applyTransition from its report, event by event', () => {
    for (const record of seed.cases) {
      const first = record.history[0]!;
      let replayed = reportCase({ ...record, photos: [] }, first.actor, new Date(first.at), settings);
      for (const event of record.history.slice(1)) {
        const scope = roleOf(event.actor) === 'admin' ? [] : roleOf(event.actor) === 'department' ? [record.unit.id] : [record.street];
        const result = applyTransition(replayed, { to: event.transition as never, note: event.note }, { username: event.actor, role: roleOf(event.actor), scope }, new Date(event.at), settings);
        expect(result.ok, `case ${record.number} ${event.transition}`).toBe(true);
        if (result.ok) replayed = result.case;
      }
      expect(replayed).toEqual(record);
    }
  });

  it('gives every view data at its demo clock: cases in several states and all three colours, rounds of every kind, slips', () => {
    const now = new Date(seed.demoNow);
    expect(new Set(seed.cases.map((record) => record.state)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(seed.cases.map((record) => caseColour(record, now, settings)))).toEqual(new Set([null, 'blue', 'yellow', 'red']));
    expect(new Set(seed.rounds.map((round) => round.kind))).toEqual(new Set(['weekly', 'monthly', 'spot', 'unannounced']));
    expect(seed.referrals.map((slip) => slip.serial)).toEqual(seed.referrals.map((_, index) => index + 1));
  });
});
