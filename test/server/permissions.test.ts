/** The permission table and the login limiter, without a server. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES } from '../../src/api/index.ts';
import { ROLE_PERMISSIONS, isAllowed, type Permission } from '../../src/server/auth/permissions.ts';
import { LoginLimiter } from '../../src/server/auth/rate-limit.ts';

const WRITES: Permission[] = ['status.edit', 'inspection.record', 'problem.report', 'problem.answer', 'plan.edit', 'scenario.edit', 'settings.edit', 'boundaries.edit', 'users.manage'];
const community = { code: '330302006044', streetCode: '330302006' };

describe('isAllowed()', () => {
  it('gives a leader no write anywhere, whatever its scope', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.constantFrom(...WRITES), (scope, permission) => {
        expect(isAllowed({ role: 'leader', scope }, permission, { community, department: scope[0] ?? null })).toBe(false);
      }),
    );
  });

  it('lets a street edit the status of its own communities only', () => {
    expect(isAllowed({ role: 'street', scope: ['330302006'] }, 'status.edit', { community })).toBe(true);
    expect(isAllowed({ role: 'street', scope: ['330302023'] }, 'status.edit', { community })).toBe(false);
    expect(isAllowed({ role: 'street', scope: ['330302006'] }, 'status.edit', {})).toBe(false);
    expect(isAllowed({ role: 'street', scope: ['330302006'] }, 'inspection.record', { community })).toBe(false);
  });

  it('lets a street draw campaign features (works.write) for its own communities only, never without a community', () => {
    expect(isAllowed({ role: 'street', scope: ['330302006'] }, 'works.write', { community })).toBe(true);
    expect(isAllowed({ role: 'street', scope: ['330302023'] }, 'works.write', { community })).toBe(false);
    expect(isAllowed({ role: 'street', scope: ['330302006'] }, 'works.write', {})).toBe(false);
    expect(isAllowed({ role: 'department', scope: ['cjb'] }, 'works.write', {})).toBe(true);
  });

  it('lets a district-wide inspector record anywhere in the district, not elsewhere', () => {
    expect(isAllowed({ role: 'inspector', scope: ['330302'] }, 'inspection.record', { community })).toBe(true);
    expect(isAllowed({ role: 'inspector', scope: ['330302'] }, 'inspection.record', { community: { code: '330303001001', streetCode: '330303001' } })).toBe(false);
    // A short prefix is not a scope (no accidental "3" covering everything).
    expect(isAllowed({ role: 'inspector', scope: ['33'] }, 'inspection.record', { community })).toBe(false);
  });

  it('lets a department answer only what is referred to it', () => {
    expect(isAllowed({ role: 'department', scope: ['dept-a'] }, 'problem.answer', { department: 'dept-a' })).toBe(true);
    expect(isAllowed({ role: 'department', scope: ['dept-a'] }, 'problem.answer', { department: 'dept-b' })).toBe(false);
    expect(isAllowed({ role: 'department', scope: ['dept-a'] }, 'problem.answer', { department: null })).toBe(false);
  });

  it('gives every role read access and only the admin the users and the audit log', () => {
    for (const role of ROLES) {
      expect(isAllowed({ role, scope: [] }, 'campaign.read')).toBe(true);
      expect(isAllowed({ role, scope: [] }, 'users.manage')).toBe(role === 'admin');
      expect(isAllowed({ role, scope: [] }, 'audit.read')).toBe(role === 'admin');
    }
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });
});

describe('LoginLimiter', () => {
  it('refuses an account after 5 failures and an address after 30, until the window passes', () => {
    let now = 0;
    const limiter = new LoginLimiter({ account: 5, address: 30 }, 60_000, () => now);
    for (let i = 0; i < 5; i++) limiter.fail(['user:a', 'ip:1']);
    expect(limiter.retryAfterSeconds(['user:a', 'ip:1'])).toBe(60);
    expect(limiter.retryAfterSeconds(['user:b', 'ip:1'])).toBe(0);
    for (let i = 0; i < 25; i++) limiter.fail([`user:x${i}`, 'ip:1']);
    expect(limiter.retryAfterSeconds(['user:b', 'ip:1'])).toBeGreaterThan(0);
    now = 60_001;
    expect(limiter.retryAfterSeconds(['user:a', 'ip:1'])).toBe(0);
  });
});
