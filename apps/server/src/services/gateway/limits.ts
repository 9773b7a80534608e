/** A token bucket: `capacity` per minute, refilled continuously; the balance may go negative. */
interface Bucket {
  tokens: number;
  at: number;
  capacity: number;
}

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Requests/min and tokens/min per key, in this process. Correct within one process; with N
 * replicas behind a load balancer each enforces the full limit, so a key can get up to N × its
 * limit (the `replicas` option divides each limit by N when the balancer spreads evenly).
 */
export class RateLimiter {
  readonly #rpm = new Map<string, Bucket>();
  readonly #tpm = new Map<string, Bucket>();
  readonly #now: () => number;
  readonly #replicas: number;
  readonly #maxKeys: number;

  constructor(opts: { now?: () => number; replicas?: number; maxKeys?: number } = {}) {
    this.#now = opts.now ?? Date.now;
    this.#replicas = Math.max(1, opts.replicas ?? 1);
    this.#maxKeys = opts.maxKeys ?? 100_000;
  }

  /**
   * Admits a request: one request from the rpm bucket and `estimatedTokens` from the tpm bucket.
   * The token bucket only has to be positive: an answer's size is known after it is generated.
   */
  admit(
    keyId: string,
    limits: { rpm: number | null; tpm: number | null },
    estimatedTokens: number,
  ): LimitVerdict & { limit?: "requests" | "tokens" } {
    const now = this.#now();
    const rpm = limits.rpm === null ? null : this.#bucket(this.#rpm, keyId, limits.rpm, now);
    const tpm = limits.tpm === null ? null : this.#bucket(this.#tpm, keyId, limits.tpm, now);
    if (rpm && rpm.tokens < 1)
      return { ok: false, limit: "requests", retryAfterSeconds: wait(rpm, 1 - rpm.tokens) };
    if (tpm && tpm.tokens <= 0)
      return { ok: false, limit: "tokens", retryAfterSeconds: wait(tpm, 1 - tpm.tokens) };
    if (rpm) rpm.tokens -= 1;
    if (tpm) tpm.tokens -= estimatedTokens;
    return { ok: true };
  }

  /** Settles the tpm bucket once the real count is known (the estimate was already taken). */
  settle(keyId: string, estimatedTokens: number, actualTokens: number): void {
    const b = this.#tpm.get(keyId);
    if (b) b.tokens = Math.min(b.capacity, b.tokens + estimatedTokens - actualTokens);
  }

  #bucket(map: Map<string, Bucket>, keyId: string, perMinute: number, now: number): Bucket {
    const capacity = Math.max(1, perMinute / this.#replicas);
    let b = map.get(keyId);
    if (!b) {
      if (map.size >= this.#maxKeys) this.#sweep(map, now);
      b = { tokens: capacity, at: now, capacity };
      map.set(keyId, b);
      return b;
    }
    // A changed limit applies at once; the balance keeps what was already spent.
    if (b.capacity !== capacity) {
      b.tokens = Math.min(capacity, b.tokens);
      b.capacity = capacity;
    }
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) * capacity) / 60_000);
    b.at = now;
    return b;
  }

  /** Drops buckets that have refilled: they are indistinguishable from new ones. */
  #sweep(map: Map<string, Bucket>, now: number): void {
    for (const [k, b] of map) {
      if (b.tokens + ((now - b.at) * b.capacity) / 60_000 >= b.capacity) map.delete(k);
    }
  }
}

function wait(b: Bucket, deficit: number): number {
  return Math.max(1, Math.ceil((deficit * 60) / b.capacity));
}
