import { type CreateSiteInput, newId, regionForCountry } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { noUsage, type SiteView, siteView } from "./views.ts";

/** Registers a host site; its region follows the country unless one is given. */
export async function createSite({
  ctx,
  access,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  input: CreateSiteInput;
}): Promise<SiteView> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.sites)
      .values({
        id: newId("site"),
        orgId: access.orgId,
        name: input.name,
        city: input.city,
        country: input.country,
        region: input.region ?? regionForCountry(input.country),
        powerCapacityKw: input.powerCapacityKw,
        siteType: input.siteType,
        connectivityTier: input.connectivityTier,
        energyPricePerKwh: input.energyPricePerKwh ?? null,
        currency: input.currency ?? null,
        pue: input.pue ?? null,
        status: input.status ?? "active",
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "site.created",
      targetType: "site",
      targetId: row.id,
      details: {
        name: row.name,
        country: row.country,
        region: row.region,
        siteType: row.siteType,
        powerCapacityKw: row.powerCapacityKw,
        status: row.status,
      },
    });
    return siteView(row, noUsage);
  });
}
