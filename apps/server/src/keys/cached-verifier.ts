import { createHash, timingSafeEqual } from "node:crypto";
import type { Logger } from "../logger.ts";

/** A key as its table holds it, with whatever the surface needs to know about its holder. */
export interface StoredKey<I> {
  keyId: string;
  hash: Buffer;
  expiresAt: number | null;
  revoked: boolean;
  identity: I;
}

/** Where one kind of key lives: its shape, its lookup by hash, its throttled use stamp. */
export interface KeySource<I> {
  looksValid(secret: string): boolean;
  /** The stored keys among these hashes (hex); unknown hashes are simply absent. */
  readMany(hashHexes: string[]): Promise<StoredKey<I>[]>;
  /** Writes lastUsedAt = now unless a row was stamped after `notBefore` (cross-replica bound). */
  touchMany(keyIds: string[], now: Date, notBefore: Date): Promise<unknown>;
}

/** Lookups and use stamps waiting for the next batch: one statement serves them all. */
const maxBatch = 500;
const touchBatchMs = 50;

export type KeyRefusal = "malformed" | "unknown" | "revoked" | "expired";
export type KeyCheck<I> = { ok: true; identity: I } | { ok: false; reason: KeyRefusal };

interface CacheEntry<I> {
  record: StoredKey<I> | null;
  /** When the database read that produced it *started*: a revoke committed after that is seen. */
  loadedAt: number;
}

export interface VerifierOptions {
  /** How long a usable key is trusted without asking the database (the cross-replica bound). */
  positiveTtlMs?: number;
  /** Unknown, revoked or expired keys never become usable again, so they may stay longer. */
  negativeTtlMs?: number;
  maxEntries?: number;
  /** lastUsedAt is written at most this often per key. */
  touchIntervalMs?: number;
  now?: () => number;
  log?: Logger;
}

/**
 * Verifies one kind of key (node, customer). With N replicas a usable key is trusted ≤ 1 s from
 * the start of its read, so a revoke on any replica is refused everywhere within 1 s (≤ 1 read
 * per key per second per replica); refusals are cached longer: a dead hash never turns valid.
 */
export class CachedKeyVerifier<I> {
  readonly #source: KeySource<I>;
  readonly #positiveTtlMs: number;
  readonly #negativeTtlMs: number;
  readonly #maxEntries: number;
  readonly #touchIntervalMs: number;
  readonly #now: () => number;
  readonly #log?: Logger;
  readonly #cache = new Map<string, CacheEntry<I>>();
  readonly #inflight = new Map<string, Promise<CacheEntry<I>>>();
  readonly #queued = new Map<string, (result: CacheEntry<I> | Error) => void>();
  #reading = false;
  readonly #touched = new Map<string, number>();
  readonly #touchQueue = new Set<string>();
  #touchTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #pending = new Set<Promise<void>>();

  constructor(source: KeySource<I>, opts: VerifierOptions = {}) {
    this.#source = source;
    this.#positiveTtlMs = opts.positiveTtlMs ?? 1000;
    this.#negativeTtlMs = opts.negativeTtlMs ?? 30_000;
    this.#maxEntries = opts.maxEntries ?? 50_000;
    this.#touchIntervalMs = opts.touchIntervalMs ?? 60_000;
    this.#now = opts.now ?? Date.now;
    this.#log = opts.log;
  }

  async verify(secret: string): Promise<KeyCheck<I>> {
    if (!this.#source.looksValid(secret)) return { ok: false, reason: "malformed" };
    const digest = createHash("sha256").update(secret).digest();
    const hex = digest.toString("hex");
    const now = this.#now();
    let entry = this.#cache.get(hex);
    if (!entry || now - entry.loadedAt >= this.#ttl(entry)) entry = await this.#load(hex);
    const record = entry.record;
    // The map lookup is keyed by a one-way hash; the final equality check is constant-time.
    if (!record || !timingSafeEqual(record.hash, digest)) return { ok: false, reason: "unknown" };
    if (record.revoked) return { ok: false, reason: "revoked" };
    if (record.expiresAt !== null && record.expiresAt <= now)
      return { ok: false, reason: "expired" };
    this.#touch(record.keyId, now);
    return { ok: true, identity: record.identity };
  }

  /** Drops cached keys that match (revoked, rotated, or their holder changed). */
  evict(match: (key: StoredKey<I>) => boolean): void {
    for (const [hex, entry] of this.#cache) {
      if (entry.record && match(entry.record)) this.#cache.delete(hex);
    }
  }

  /** Resolves when the lastUsedAt writes asked for so far have finished (tests, shutdown). */
  async idle(): Promise<void> {
    this.#flushTouches();
    await Promise.all([...this.#pending]);
  }

  #ttl(entry: CacheEntry<I>): number {
    const r = entry.record;
    return r && !r.revoked ? this.#positiveTtlMs : this.#negativeTtlMs;
  }

  /**
   * Cache misses are read together in one statement, started after the current I/O turn so the
   * requests parsed in that turn join it: under load N lookups become a handful, which matters
   * on PGlite where planning a statement costs more than running it.
   */
  #load(hex: string): Promise<CacheEntry<I>> {
    const running = this.#inflight.get(hex);
    if (running) return running;
    const promise = new Promise<CacheEntry<I>>((resolve, reject) => {
      this.#queued.set(hex, (r) => (r instanceof Error ? reject(r) : resolve(r)));
    }).finally(() => this.#inflight.delete(hex));
    this.#inflight.set(hex, promise);
    if (!this.#reading) {
      this.#reading = true;
      setImmediate(() => void this.#readQueued());
    }
    return promise;
  }

  async #readQueued(): Promise<void> {
    while (this.#queued.size > 0) {
      const batch = [...this.#queued].slice(0, maxBatch);
      for (const [hex] of batch) this.#queued.delete(hex);
      // Each entry is as fresh as the start of the read that produced it.
      const loadedAt = this.#now();
      try {
        const records = await this.#source.readMany(batch.map(([hex]) => hex));
        const byHex = new Map(records.map((r) => [r.hash.toString("hex"), r]));
        for (const [hex, settle] of batch) {
          const entry = { record: byHex.get(hex) ?? null, loadedAt };
          this.#remember(hex, entry);
          settle(entry);
        }
      } catch (err) {
        const failure = err instanceof Error ? err : new Error(String(err));
        for (const [, settle] of batch) settle(failure);
      }
    }
    this.#reading = false;
  }

  #remember(hex: string, entry: CacheEntry<I>): void {
    this.#cache.delete(hex);
    this.#cache.set(hex, entry);
    if (this.#cache.size > this.#maxEntries) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
  }

  /** At most one stamp per key per interval per replica, written in batches; the source's WHERE bounds it across replicas. */
  #touch(keyId: string, now: number): void {
    const last = this.#touched.get(keyId);
    if (last !== undefined && now - last < this.#touchIntervalMs) return;
    this.#touched.set(keyId, now);
    if (this.#touched.size > this.#maxEntries) this.#touched.clear();
    this.#touchQueue.add(keyId);
    if (this.#touchQueue.size >= maxBatch) this.#flushTouches();
    else this.#touchTimer ??= setTimeout(() => this.#flushTouches(), touchBatchMs);
  }

  #flushTouches(): void {
    if (this.#touchTimer) clearTimeout(this.#touchTimer);
    this.#touchTimer = null;
    if (this.#touchQueue.size === 0) return;
    const keyIds = [...this.#touchQueue];
    this.#touchQueue.clear();
    const now = this.#now();
    const write = this.#source
      .touchMany(keyIds, new Date(now), new Date(now - this.#touchIntervalMs))
      .then(
        () => undefined,
        (err: unknown) => this.#log?.warn({ err, keys: keyIds.length }, "could not record key use"),
      );
    const tracked = write.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }
}
