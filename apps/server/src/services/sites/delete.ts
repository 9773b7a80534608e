import { schema } from "@edgeplane/db";
import { and, count, eq } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";

/** Deletes a site with no nodes; a site with nodes is retired instead (409 says so). */
export async function deleteSite({
  ctx,
  access,
  siteId,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  siteId: string;
}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const s = schema.sites;
    const where = and(eq(s.orgId, access.orgId), eq(s.id, siteId));
    // The row lock makes a concurrent node registration (which locks the site) wait or fail.
    const [site] = await tx.select().from(s).where(where).for("update");
    if (!site) throw new NotFoundError("Site");
    const [attached] = await tx
      .select({ n: count() })
      .from(schema.nodes)
      .where(and(eq(schema.nodes.orgId, access.orgId), eq(schema.nodes.siteId, siteId)));
    const n = attached?.n ?? 0;
    if (n > 0) {
      throw new ConflictError(
        `The site has ${n} node${n === 1 ? "" : "s"}: move or delete them, or retire the site instead`,
        [{ path: "siteId", message: "Nodes are attached to this site" }],
      );
    }
    await tx.delete(s).where(where);
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "site.deleted",
      targetType: "site",
      targetId: siteId,
      details: { name: site.name, country: site.country, city: site.city },
    });
  });
}
