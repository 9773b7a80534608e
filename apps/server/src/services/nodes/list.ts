import type { ListNodesQuery } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, count, desc, eq, ilike, lt, or } from "drizzle-orm";
import type { Db } from "../context.ts";
import { containsPattern, type Page, toPage } from "../sites/paging.ts";
import { type NodeView, nodeView } from "./views.ts";

/** Newest first, keyset-paginated by id; `q` searches name and external id. */
export async function listNodes(
  db: Db,
  orgId: string,
  query: ListNodesQuery,
): Promise<Page<NodeView>> {
  const n = schema.nodes;
  const q = query.q ? containsPattern(query.q) : undefined;
  const filter = and(
    eq(n.orgId, orgId),
    q ? or(ilike(n.name, q), ilike(n.externalId, q)) : undefined,
    query.siteId ? eq(n.siteId, query.siteId) : undefined,
    query.status ? eq(n.status, query.status) : undefined,
    query.acceleratorType ? eq(n.acceleratorType, query.acceleratorType) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select({ node: n, siteName: schema.sites.name })
      .from(n)
      .innerJoin(schema.sites, eq(schema.sites.id, n.siteId))
      .where(and(filter, query.cursor ? lt(n.id, query.cursor) : undefined))
      .orderBy(desc(n.id))
      .limit(query.limit + 1),
    db.select({ total: count() }).from(n).where(filter),
  ]);
  const flat = rows.map((r) => ({ id: r.node.id, ...r }));
  return toPage(flat, query.limit, counted?.total ?? 0, (r) => nodeView(r.node, r.siteName));
}
