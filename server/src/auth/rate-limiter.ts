/**
 * A fixed-window counter of attempts per key (failed logins per email or
 * address, public complaint submissions per address).
 * In memory, per instance: with N instances an attacker gets at most N times
 * the budget, still far too few guesses against a scrypt hash.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    const entry = this.windows.get(key);
    if (!entry) return 0;
    const now = this.now();
    if (entry.resetAt <= now) {
      this.windows.delete(key);
      return 0;
    }
    return entry.count >= this.limit ? entry.resetAt - now : 0;
  }

  record(key: string): void {
    const now = this.now();
    const entry = this.windows.get(key);
    if (!entry || entry.resetAt <= now) this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
    else entry.count += 1;
    if (this.windows.size > 100_000) this.prune(now);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
  }
}
