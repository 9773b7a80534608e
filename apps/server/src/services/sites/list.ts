import type { ListSitesQuery } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, count, desc, eq, ilike, lt, or } from "drizzle-orm";
import type { Db } from "../context.ts";
import { containsPattern, type Page, toPage } from "./paging.ts";
import { siteUsage } from "./usage.ts";
import { noUsage, type SiteView, siteView } from "./views.ts";

/** Newest first, keyset-paginated by id; `q` searches name and city. */
export async function listSites(
  db: Db,
  orgId: string,
  query: ListSitesQuery,
): Promise<Page<SiteView>> {
  const s = schema.sites;
  const filter = and(
    eq(s.orgId, orgId),
    query.q
      ? or(ilike(s.name, containsPattern(query.q)), ilike(s.city, containsPattern(query.q)))
      : undefined,
    query.siteType ? eq(s.siteType, query.siteType) : undefined,
    query.country ? eq(s.country, query.country) : undefined,
    query.region ? eq(s.region, query.region) : undefined,
    query.status ? eq(s.status, query.status) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(s)
      .where(and(filter, query.cursor ? lt(s.id, query.cursor) : undefined))
      .orderBy(desc(s.id))
      .limit(query.limit + 1),
    db.select({ total: count() }).from(s).where(filter),
  ]);
  const usage = await siteUsage(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return toPage(rows, query.limit, counted?.total ?? 0, (r) =>
    siteView(r, usage.get(r.id) ?? noUsage),
  );
}
