import type { ListCustomersQuery } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, count, desc, eq, ilike, lt, or } from "drizzle-orm";
import type { Db } from "../context.ts";
import { containsPattern, type Page, toPage } from "../sites/paging.ts";
import { activeKeyCounts } from "./key-counts.ts";
import { type CustomerView, customerView } from "./views.ts";

/** Newest first, keyset-paginated by id; `q` searches name and contact. */
export async function listCustomers(
  db: Db,
  orgId: string,
  query: ListCustomersQuery,
): Promise<Page<CustomerView>> {
  const c = schema.customers;
  const filter = and(
    eq(c.orgId, orgId),
    query.q
      ? or(
          ilike(c.name, containsPattern(query.q)),
          ilike(c.contactName, containsPattern(query.q)),
          ilike(c.contactEmail, containsPattern(query.q)),
        )
      : undefined,
    query.slaTier ? eq(c.slaTier, query.slaTier) : undefined,
    query.status ? eq(c.status, query.status) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(c)
      .where(and(filter, query.cursor ? lt(c.id, query.cursor) : undefined))
      .orderBy(desc(c.id))
      .limit(query.limit + 1),
    db.select({ total: count() }).from(c).where(filter),
  ]);
  const keys = await activeKeyCounts(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return toPage(rows, query.limit, counted?.total ?? 0, (r) =>
    customerView(r, keys.get(r.id) ?? 0),
  );
}
