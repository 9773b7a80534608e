import { createHash, timingSafeEqual } from "node:crypto";
import { schema } from "@edgeplane/db";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Logger } from "../logger.ts";
import type { Db } from "../services/context.ts";
import { looksLikeNodeKey } from "./secret.ts";

export interface NodeKeyIdentity {
  keyId: string;
  nodeId: string;
  orgId: string;
  siteId: string;
}

export type NodeKeyCheck =
  | { ok: true; identity: NodeKeyIdentity }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" | "expired" };

interface KeyRecord extends NodeKeyIdentity {
  hash: Buffer;
  expiresAt: number | null;
  revoked: boolean;
}

interface CacheEntry {
  record: KeyRecord | null;
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
 * Verifies `epn_` node keys for the agent surface.
 *
 * With N replicas: each replica caches a usable key for at most `positiveTtlMs` (1 s), timed from
 * the start of the read, so a revoke or rotation committed on replica A is refused by every
 * replica within 1 s with no cross-replica messaging; the price is ≤ 1 read per key per second per
 * replica. The replica that revokes also evicts at once. Refusals are cached longer: a revoked,
 * expired or unknown hash cannot turn valid (a new key has a new random hash).
 */
export class NodeKeyVerifier {
  readonly #db: Db;
  readonly #positiveTtlMs: number;
  readonly #negativeTtlMs: number;
  readonly #maxEntries: number;
  readonly #touchIntervalMs: number;
  readonly #now: () => number;
  readonly #log?: Logger;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #inflight = new Map<string, Promise<CacheEntry>>();
  readonly #touched = new Map<string, number>();
  readonly #pending = new Set<Promise<void>>();

  constructor(db: Db, opts: VerifierOptions = {}) {
    this.#db = db;
    this.#positiveTtlMs = opts.positiveTtlMs ?? 1000;
    this.#negativeTtlMs = opts.negativeTtlMs ?? 30_000;
    this.#maxEntries = opts.maxEntries ?? 50_000;
    this.#touchIntervalMs = opts.touchIntervalMs ?? 60_000;
    this.#now = opts.now ?? Date.now;
    this.#log = opts.log;
  }

  async verify(secret: string): Promise<NodeKeyCheck> {
    if (!looksLikeNodeKey(secret)) return { ok: false, reason: "malformed" };
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
    const { keyId, nodeId, orgId, siteId } = record;
    return { ok: true, identity: { keyId, nodeId, orgId, siteId } };
  }

  /** Drops cached state for keys (revoke, rotate) or for every key of a node (node deleted). */
  evict(target: { keyIds?: readonly string[]; nodeId?: string }): void {
    const ids = new Set(target.keyIds ?? []);
    for (const [hex, entry] of this.#cache) {
      const r = entry.record;
      if (r && (ids.has(r.keyId) || r.nodeId === target.nodeId)) this.#cache.delete(hex);
    }
  }

  /** Resolves when the lastUsedAt writes started so far have finished (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  #ttl(entry: CacheEntry): number {
    const r = entry.record;
    return r && !r.revoked ? this.#positiveTtlMs : this.#negativeTtlMs;
  }

  #load(hex: string): Promise<CacheEntry> {
    const running = this.#inflight.get(hex);
    if (running) return running;
    const loadedAt = this.#now();
    const promise = this.#read(hex)
      .then((record) => {
        const entry = { record, loadedAt };
        this.#cache.delete(hex);
        this.#cache.set(hex, entry);
        if (this.#cache.size > this.#maxEntries) {
          const oldest = this.#cache.keys().next();
          if (!oldest.done) this.#cache.delete(oldest.value);
        }
        return entry;
      })
      .finally(() => this.#inflight.delete(hex));
    this.#inflight.set(hex, promise);
    return promise;
  }

  async #read(hex: string): Promise<KeyRecord | null> {
    const k = schema.nodeKeys;
    const [row] = await this.#db
      .select({
        keyId: k.id,
        nodeId: k.nodeId,
        orgId: k.orgId,
        hash: k.hash,
        expiresAt: k.expiresAt,
        revokedAt: k.revokedAt,
        siteId: schema.nodes.siteId,
      })
      .from(k)
      .innerJoin(schema.nodes, and(eq(schema.nodes.orgId, k.orgId), eq(schema.nodes.id, k.nodeId)))
      .where(eq(k.hash, hex))
      .limit(1);
    if (!row) return null;
    return {
      keyId: row.keyId,
      nodeId: row.nodeId,
      orgId: row.orgId,
      siteId: row.siteId,
      hash: Buffer.from(row.hash, "hex"),
      expiresAt: row.expiresAt?.getTime() ?? null,
      revoked: row.revokedAt !== null,
    };
  }

  /** At most one write per key per interval per replica; the WHERE bounds it across replicas. */
  #touch(keyId: string, now: number): void {
    const last = this.#touched.get(keyId);
    if (last !== undefined && now - last < this.#touchIntervalMs) return;
    this.#touched.set(keyId, now);
    if (this.#touched.size > this.#maxEntries) this.#touched.clear();
    const k = schema.nodeKeys;
    const write = this.#db
      .update(k)
      .set({ lastUsedAt: new Date(now) })
      .where(
        and(
          eq(k.id, keyId),
          or(isNull(k.lastUsedAt), lt(k.lastUsedAt, new Date(now - this.#touchIntervalMs))),
        ),
      )
      .then(
        () => undefined,
        (err: unknown) => this.#log?.warn({ err, keyId }, "could not record node key use"),
      );
    const tracked = write.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }
}

const verifiers = new WeakMap<Db, NodeKeyVerifier>();

/** The process-wide verifier of a database (one per app instance; tests get their own). */
export function nodeKeyVerifier(db: Db, log?: Logger): NodeKeyVerifier {
  let v = verifiers.get(db);
  if (!v) {
    v = new NodeKeyVerifier(db, { log });
    verifiers.set(db, v);
  }
  return v;
}

/** Called after a revoke/rotate/delete commits; a no-op when nothing was ever verified. */
export function evictNodeKeys(db: Db, target: { keyIds?: readonly string[]; nodeId?: string }) {
  verifiers.get(db)?.evict(target);
}
