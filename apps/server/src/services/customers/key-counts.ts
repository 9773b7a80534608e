import { schema } from "@edgeplane/db";
import { and, count, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../context.ts";

/** Active (not revoked, not expired) keys per customer. */
export async function activeKeyCounts(
  db: Db | Tx,
  orgId: string,
  customerIds: readonly string[],
): Promise<Map<string, number>> {
  if (customerIds.length === 0) return new Map();
  const k = schema.customerKeys;
  const rows = await db
    .select({ customerId: k.customerId, n: count() })
    .from(k)
    .where(
      and(
        eq(k.orgId, orgId),
        inArray(k.customerId, [...customerIds]),
        isNull(k.revokedAt),
        or(isNull(k.expiresAt), gt(k.expiresAt, sql`now()`)),
      ),
    )
    .groupBy(k.customerId);
  return new Map(rows.map((r) => [r.customerId, r.n]));
}
