import type { ListModelsQuery } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, count, desc, eq, ilike, lt, or } from "drizzle-orm";
import type { Db } from "../context.ts";
import type { LiveView } from "../gateway/route.ts";
import { containsPattern, type Page, toPage } from "../sites/paging.ts";
import { availabilityByUpstream } from "./availability.ts";
import { type ModelView, modelView } from "./views.ts";

/** The catalogue, newest first, each model with the regions that can serve it now. */
export async function listModels(
  db: Db,
  orgId: string,
  query: ListModelsQuery,
  live: Pick<LiveView, "connected">,
): Promise<Page<ModelView>> {
  const m = schema.models;
  const filter = and(
    eq(m.orgId, orgId),
    query.q
      ? or(
          ilike(m.publicId, containsPattern(query.q)),
          ilike(m.upstreamName, containsPattern(query.q)),
        )
      : undefined,
    query.kind ? eq(m.kind, query.kind) : undefined,
    query.status ? eq(m.status, query.status) : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(m)
      .where(and(filter, query.cursor ? lt(m.id, query.cursor) : undefined))
      .orderBy(desc(m.id))
      .limit(query.limit + 1),
    db.select({ total: count() }).from(m).where(filter),
  ]);
  const availability = await availabilityByUpstream(
    db,
    orgId,
    rows.map((r) => r.upstreamName),
    live,
  );
  return toPage(rows, query.limit, counted?.total ?? 0, (r) =>
    modelView(r, availability.get(r.upstreamName) ?? []),
  );
}
