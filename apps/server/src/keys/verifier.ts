import { schema } from "@edgeplane/db";
import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { PgliteDatabase } from "drizzle-orm/pglite";
import type { Logger } from "../logger.ts";
import type { Db } from "../services/context.ts";
import {
  CachedKeyVerifier,
  type KeyCheck,
  type KeySource,
  type VerifierOptions,
} from "./cached-verifier.ts";
import { looksLikeNodeKey } from "./secret.ts";

export type { VerifierOptions };

export interface NodeKeyIdentity {
  keyId: string;
  nodeId: string;
  orgId: string;
  siteId: string;
}

export type NodeKeyCheck = KeyCheck<NodeKeyIdentity>;

/** What the agent surface (HTTP and the tunnel upgrade) tells a refused agent, per reason. */
export const nodeKeyRefusals = {
  malformed: "Authorization: Bearer epn_… (a node API key) is required",
  unknown: "The node key is not valid",
  revoked: "The node key has been revoked",
  expired: "The node key has expired",
} as const;

function nodeKeySource(db: Db): KeySource<NodeKeyIdentity> {
  const k = schema.nodeKeys;
  return {
    looksValid: looksLikeNodeKey,
    async readMany(hexes) {
      const rows = await db
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
        .innerJoin(
          schema.nodes,
          and(eq(schema.nodes.orgId, k.orgId), eq(schema.nodes.id, k.nodeId)),
        )
        .where(inArray(k.hash, hexes));
      return rows.map((row) => {
        const { keyId, nodeId, orgId, siteId } = row;
        return {
          keyId,
          hash: Buffer.from(row.hash, "hex"),
          expiresAt: row.expiresAt?.getTime() ?? null,
          revoked: row.revokedAt !== null,
          identity: { keyId, nodeId, orgId, siteId },
        };
      });
    },
    touchMany: (keyIds, now, notBefore) =>
      db
        .update(k)
        .set({ lastUsedAt: now })
        .where(and(inArray(k.id, keyIds), or(isNull(k.lastUsedAt), lt(k.lastUsedAt, notBefore)))),
  };
}

/** Verifies `epn_` node keys for the agent surface (see CachedKeyVerifier for the replica bound). */
export class NodeKeyVerifier {
  readonly #inner: CachedKeyVerifier<NodeKeyIdentity>;

  constructor(db: Db, opts: VerifierOptions = {}) {
    this.#inner = new CachedKeyVerifier(nodeKeySource(db), opts);
  }

  verify(secret: string): Promise<NodeKeyCheck> {
    return this.#inner.verify(secret);
  }

  /** Drops cached state for keys (revoke, rotate) or for every key of a node (node deleted). */
  evict(target: { keyIds?: readonly string[]; nodeId?: string }): void {
    const ids = new Set(target.keyIds ?? []);
    this.#inner.evict((k) => ids.has(k.keyId) || k.identity.nodeId === target.nodeId);
  }

  idle(): Promise<void> {
    return this.#inner.idle();
  }
}

const verifiers = new WeakMap<Db, NodeKeyVerifier>();

/**
 * PGlite is one process's database, so there is no other replica to bound: every revoke, rotate,
 * move or delete commits here and evicts. Nodes post every ~10 s; a 1 s lifetime would read each.
 */
const embeddedPositiveTtlMs = 5 * 60_000;

/** The process-wide verifier of a database (one per app instance; tests get their own). */
export function nodeKeyVerifier(db: Db, log?: Logger): NodeKeyVerifier {
  let v = verifiers.get(db);
  if (!v) {
    const embedded = db instanceof PgliteDatabase;
    v = new NodeKeyVerifier(db, {
      log,
      positiveTtlMs: embedded ? embeddedPositiveTtlMs : undefined,
    });
    verifiers.set(db, v);
  }
  return v;
}

/** Called after a revoke/rotate/delete commits; a no-op when nothing was ever verified. */
export function evictNodeKeys(db: Db, target: { keyIds?: readonly string[]; nodeId?: string }) {
  verifiers.get(db)?.evict(target);
}
