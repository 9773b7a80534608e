import type { CustomerStatus, Region, SlaTier } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Logger } from "../logger.ts";
import type { Db } from "../services/context.ts";
import { CachedKeyVerifier, type KeyCheck, type KeySource } from "./cached-verifier.ts";
import { looksLikeCustomerKey } from "./secret.ts";

/** What the gateway knows about a caller once its `epk_` key checks out. */
export interface CustomerKeyIdentity {
  keyId: string;
  orgId: string;
  customerId: string;
  customerStatus: CustomerStatus;
  slaTier: SlaTier;
  /** Public model ids the key may call; null: the whole catalogue. */
  models: readonly string[] | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  monthlyTokenBudget: number | null;
  /** The customer's regions narrowed by the key's (never wider than the customer's). */
  regions: readonly Region[];
  /** Countries allowed to serve; null: no residency constraint. */
  residency: readonly string[] | null;
}

export type CustomerKeyCheck = KeyCheck<CustomerKeyIdentity>;

function narrow<T>(outer: readonly T[] | null, inner: readonly T[] | null): T[] | null {
  if (!outer) return inner ? [...inner] : null;
  if (!inner) return [...outer];
  return outer.filter((v) => inner.includes(v));
}

function customerKeySource(db: Db): KeySource<CustomerKeyIdentity> {
  const k = schema.customerKeys;
  const c = schema.customers;
  return {
    looksValid: looksLikeCustomerKey,
    async readMany(hexes) {
      const rows = await db
        .select({ key: k, customer: c })
        .from(k)
        .innerJoin(c, and(eq(c.orgId, k.orgId), eq(c.id, k.customerId)))
        .where(inArray(k.hash, hexes));
      return rows.map((row) => {
        const { key, customer } = row;
        return {
          keyId: key.id,
          hash: Buffer.from(key.hash, "hex"),
          expiresAt: key.expiresAt?.getTime() ?? null,
          revoked: key.revokedAt !== null,
          identity: {
            keyId: key.id,
            orgId: key.orgId,
            customerId: customer.id,
            customerStatus: customer.status,
            slaTier: customer.slaTier,
            models: key.models,
            rpmLimit: key.rpmLimit,
            tpmLimit: key.tpmLimit,
            monthlyTokenBudget: key.monthlyTokenBudget,
            regions: narrow(customer.allowedRegions, key.regions) ?? [],
            residency: narrow(customer.dataResidency, key.dataResidency),
          },
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

export type CustomerKeyVerifier = CachedKeyVerifier<CustomerKeyIdentity>;

const verifiers = new WeakMap<Db, CustomerKeyVerifier>();

/** The process-wide customer-key verifier of a database; a revoke reaches every replica in ≤ 1 s. */
export function customerKeyVerifier(db: Db, log?: Logger): CustomerKeyVerifier {
  let v = verifiers.get(db);
  if (!v) {
    v = new CachedKeyVerifier(customerKeySource(db), { log });
    verifiers.set(db, v);
  }
  return v;
}

/** Called after a key or its customer changed; a no-op when nothing was ever verified. */
export function evictCustomerKeys(
  db: Db,
  target: { keyIds?: readonly string[]; customerId?: string },
): void {
  const ids = new Set(target.keyIds ?? []);
  verifiers.get(db)?.evict((k) => ids.has(k.keyId) || k.identity.customerId === target.customerId);
}
