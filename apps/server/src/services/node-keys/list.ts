import type { ListNodeKeysQuery } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, count, desc, eq, gt, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../context.ts";
import { type Page, toPage } from "../sites/paging.ts";
import { type NodeKeyView, nodeKeyView } from "./views.ts";

const k = schema.nodeKeys;

function stateFilter(state: ListNodeKeysQuery["state"]) {
  const now = sql`now()`;
  if (state === "revoked") return isNotNull(k.revokedAt);
  if (state === "expired") return and(isNull(k.revokedAt), lte(k.expiresAt, now));
  if (state === "active")
    return and(isNull(k.revokedAt), or(isNull(k.expiresAt), gt(k.expiresAt, now)));
  return undefined;
}

/** Every key of the org with its node, newest first, keyset-paginated by id. */
export async function listNodeKeys(
  db: Db,
  orgId: string,
  query: ListNodeKeysQuery,
): Promise<Page<NodeKeyView>> {
  const n = schema.nodes;
  const filter = and(
    eq(k.orgId, orgId),
    query.nodeId ? eq(k.nodeId, query.nodeId) : undefined,
    stateFilter(query.state),
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({ key: k, node: { id: n.id, name: n.name, externalId: n.externalId } })
      .from(k)
      .innerJoin(n, and(eq(n.orgId, k.orgId), eq(n.id, k.nodeId)))
      .where(and(filter, query.cursor ? lt(k.id, query.cursor) : undefined))
      .orderBy(desc(k.id))
      .limit(query.limit + 1),
    db.select({ total: count() }).from(k).where(filter),
  ]);
  const flat = rows.map((r) => ({ id: r.key.id, ...r }));
  return toPage(flat, query.limit, counted?.total ?? 0, (r) => nodeKeyView(r.key, r.node));
}
