/**
 * Login rate limit: at most `max` failed attempts per key in a sliding window; a key is an
 * account (`user:NAME`) or an address (`ip:ADDR`), and either being over the limit refuses the
 * login with 429. In memory: one process is the system of record's front door (see README).
 * (@fastify/rate-limit counts requests per one key; this needs failures per two keys at once.)
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `keys` may try again; 0 when none is limited. */
  retryAfterSeconds(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.max) wait = Math.max(wait, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
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
