import { schema } from "@edgeplane/db";
import { and, count, eq, inArray, sum } from "drizzle-orm";
import type { Db, Tx } from "../context.ts";
import type { SiteUsage } from "./views.ts";

/** Node count and total draw per site, for the sites asked about. */
export async function siteUsage(
  db: Db | Tx,
  orgId: string,
  siteIds: readonly string[],
): Promise<Map<string, SiteUsage>> {
  const usage = new Map<string, SiteUsage>();
  if (siteIds.length === 0) return usage;
  const n = schema.nodes;
  const rows = await db
    .select({ siteId: n.siteId, nodeCount: count(), drawW: sum(n.powerDrawW).mapWith(Number) })
    .from(n)
    .where(and(eq(n.orgId, orgId), inArray(n.siteId, [...siteIds])))
    .groupBy(n.siteId);
  for (const r of rows) usage.set(r.siteId, { nodeCount: r.nodeCount, drawW: r.drawW ?? 0 });
  return usage;
}
