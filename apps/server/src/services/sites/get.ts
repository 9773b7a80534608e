import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { Db } from "../context.ts";
import { siteUsage } from "./usage.ts";
import { noUsage, type SiteView, siteView } from "./views.ts";

/** One site of the org with its node count and power headroom; another org's site is 404. */
export async function getSite(db: Db, orgId: string, siteId: string): Promise<SiteView> {
  const [row] = await db
    .select()
    .from(schema.sites)
    .where(and(eq(schema.sites.orgId, orgId), eq(schema.sites.id, siteId)))
    .limit(1);
  if (!row) throw new NotFoundError("Site");
  const usage = await siteUsage(db, orgId, [row.id]);
  return siteView(row, usage.get(row.id) ?? noUsage);
}
