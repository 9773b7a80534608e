import { type CreateModelInput, newGatewayId } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { ConflictError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx, Tx } from "../context.ts";
import { evictCatalogue } from "../gateway/catalogue.ts";
import type { LiveView } from "../gateway/route.ts";
import { availabilityByUpstream } from "./availability.ts";
import { type ModelView, modelView } from "./views.ts";

export async function assertPublicIdFree(tx: Tx, orgId: string, publicId: string) {
  const m = schema.models;
  const [taken] = await tx
    .select({ id: m.id })
    .from(m)
    .where(and(eq(m.orgId, orgId), eq(m.publicId, publicId)))
    .limit(1);
  if (taken) {
    throw new ConflictError(`A model with the id ${publicId} already exists`, [
      { path: "publicId", message: "Already in the catalogue" },
    ]);
  }
}

/** Adds a model to the org's catalogue; customers can call it within a second. */
export async function createModel({
  ctx,
  access,
  input,
  live,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  input: CreateModelInput;
  live: Pick<LiveView, "connected">;
}): Promise<ModelView> {
  const row = await ctx.db.transaction(async (tx) => {
    await assertPublicIdFree(tx, access.orgId, input.publicId);
    const [created] = await tx
      .insert(schema.models)
      .values({ id: newGatewayId("model"), orgId: access.orgId, ...input })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "model.created",
      targetType: "model",
      targetId: created.id,
      details: { ...input },
    });
    return created;
  });
  evictCatalogue(ctx.db, access.orgId);
  const availability = await availabilityByUpstream(ctx.db, access.orgId, [row.upstreamName], live);
  return modelView(row, availability.get(row.upstreamName) ?? []);
}
