import type { IncidentView, ListIncidentsQuery } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, count, desc, eq, isNotNull, isNull, lt } from "drizzle-orm";
import type { Db } from "../context.ts";
import { type Page, toPage } from "../sites/paging.ts";
import { incidentView, selectIncidents } from "./views.ts";

/** Newest first, keyset-paginated; open by default. */
export async function listIncidents(
  db: Db,
  orgId: string,
  query: ListIncidentsQuery,
): Promise<Page<IncidentView>> {
  const i = schema.incidents;
  const filter = and(
    eq(i.orgId, orgId),
    query.status === "open" ? isNull(i.resolvedAt) : undefined,
    query.status === "resolved" ? isNotNull(i.resolvedAt) : undefined,
    query.severity ? eq(i.severity, query.severity) : undefined,
    query.siteId ? eq(i.siteId, query.siteId) : undefined,
    query.nodeId ? eq(i.nodeId, query.nodeId) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    selectIncidents(db)
      .where(and(filter, query.cursor ? lt(i.id, query.cursor) : undefined))
      .orderBy(desc(i.id))
      .limit(query.limit + 1),
    db.select({ total: count() }).from(i).where(filter),
  ]);
  const flat = rows.map((r) => ({ id: r.incident.id, ...r }));
  return toPage(flat, query.limit, counted?.total ?? 0, incidentView);
}
