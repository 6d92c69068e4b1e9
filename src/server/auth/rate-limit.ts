/**
 * Login rate limit: at most `maxFor(key)` failed attempts per key in a sliding window; a key is
 * an account (`user:NAME`, 5 by default) or an address (`ip:ADDR`, 30 by default: an office
 * behind one NAT address shares it), and either being over its limit refuses the login with 429. In memory: one process is the system of record's front door (see README).
 * (@fastify/rate-limit counts requests per one key; this needs failures per two keys at once.)
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly limits: { account: number; address: number } = { account: 5, address: 30 },
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private maxFor(key: string): number {
    return key.startsWith('ip:') ? this.limits.address : this.limits.account;
  }

  /** Seconds until `keys` may try again; 0 when none is limited. */
  retryAfterSeconds(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.maxFor(key)) wait = Math.max(wait, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
  }

  /** A successful login clears its account's count (not its address's). */
  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}
