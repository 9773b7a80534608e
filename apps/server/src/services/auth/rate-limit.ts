/**
 * Counts hits per key in fixed one-hour windows, in this process's memory. With N replicas
 * each counts alone, so a client spread over them gets up to N × limit per hour; a restart
 * forgets. Good enough for abuse damping; the per-address e-mail interval lives in the DB.
 */
export class HourlyLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(limit: number, windowMs = 3_600_000, maxKeys = 50_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }

  /** Counts one hit; false when the key is over its limit for the current window. */
  hit(key: string, now = Date.now()): boolean {
    let entry = this.hits.get(key);
    if (!entry || now - entry.start >= this.windowMs) {
      if (!entry && this.hits.size >= this.maxKeys) this.prune(now);
      entry = { start: now, count: 0 };
      this.hits.set(key, entry);
    }
    entry.count += 1;
    return entry.count <= this.limit;
  }

  private prune(now: number): void {
    for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
    // Still full of live windows (a flood of addresses): start over rather than grow.
    if (this.hits.size >= this.maxKeys) this.hits.clear();
  }
}
