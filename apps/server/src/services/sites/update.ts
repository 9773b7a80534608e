import { regionForCountry, type UpdateSiteInput } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError, ValidationError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { siteUsage } from "./usage.ts";
import { noUsage, type SiteView, siteView } from "./views.ts";

/** Changes a site; a new country brings its default region unless a region is given too. */
export async function updateSite({
  ctx,
  access,
  siteId,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  siteId: string;
  input: UpdateSiteInput;
}): Promise<SiteView> {
  return ctx.db.transaction(async (tx) => {
    const s = schema.sites;
    const where = and(eq(s.orgId, access.orgId), eq(s.id, siteId));
    const [before] = await tx.select().from(s).where(where).for("update");
    if (!before) throw new NotFoundError("Site");
    const patch = { ...input };
    if (patch.country && patch.country !== before.country && !patch.region) {
      patch.region = regionForCountry(patch.country);
    }
    const price =
      patch.energyPricePerKwh === undefined ? before.energyPricePerKwh : patch.energyPricePerKwh;
    const currency = patch.currency === undefined ? before.currency : patch.currency;
    if (price != null && !currency) {
      throw new ValidationError([{ path: "currency", message: "Required with an energy price" }]);
    }
    const [after] = await tx
      .update(s)
      .set({ ...patch, updatedAt: new Date() })
      .where(where)
      .returning();
    if (!after) throw new NotFoundError("Site");
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(patch) as (keyof typeof patch)[]) {
      if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
    }
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "site.updated",
      targetType: "site",
      targetId: siteId,
      details: { changes },
    });
    const usage = await siteUsage(tx, access.orgId, [siteId]);
    return siteView(after, usage.get(siteId) ?? noUsage);
  });
}
