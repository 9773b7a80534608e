import type { ListCustomerKeysQuery } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, count, desc, eq, gt, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../context.ts";
import { type Page, toPage } from "../sites/paging.ts";
import { type CustomerKeyView, customerKeyView } from "./views.ts";

const k = schema.customerKeys;

function stateFilter(state: ListCustomerKeysQuery["state"]) {
  const now = sql`now()`;
  if (state === "revoked") return isNotNull(k.revokedAt);
  if (state === "expired") return and(isNull(k.revokedAt), lte(k.expiresAt, now));
  if (state === "active")
    return and(isNull(k.revokedAt), or(isNull(k.expiresAt), gt(k.expiresAt, now)));
  return undefined;
}

/** Every customer key of the org with its customer, newest first, keyset-paginated by id. */
export async function listCustomerKeys(
  db: Db,
  orgId: string,
  query: ListCustomerKeysQuery,
): Promise<Page<CustomerKeyView>> {
  const c = schema.customers;
  const filter = and(
    eq(k.orgId, orgId),
    query.customerId ? eq(k.customerId, query.customerId) : undefined,
    stateFilter(query.state),
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({ key: k, customer: { id: c.id, name: c.name } })
      .from(k)
      .innerJoin(c, and(eq(c.orgId, k.orgId), eq(c.id, k.customerId)))
      .where(and(filter, query.cursor ? lt(k.id, query.cursor) : undefined))
      .orderBy(desc(k.id))
      .limit(query.limit + 1),
    db.select({ total: count() }).from(k).where(filter),
  ]);
  const flat = rows.map((r) => ({ id: r.key.id, ...r }));
  return toPage(flat, query.limit, counted?.total ?? 0, (r) => customerKeyView(r.key, r.customer));
}
