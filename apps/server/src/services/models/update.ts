import type { UpdateModelInput } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { evictCatalogue } from "../gateway/catalogue.ts";
import type { LiveView } from "../gateway/route.ts";
import { availabilityByUpstream } from "./availability.ts";
import { assertPublicIdFree } from "./create.ts";
import { type ModelView, modelView } from "./views.ts";

/** Changes a model's mapping, price or status; every replica uses it within 2 s. */
export async function updateModel({
  ctx,
  access,
  modelId,
  input,
  live,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  modelId: string;
  input: UpdateModelInput;
  live: Pick<LiveView, "connected">;
}): Promise<ModelView> {
  const row = await ctx.db.transaction(async (tx) => {
    const m = schema.models;
    const where = and(eq(m.orgId, access.orgId), eq(m.id, modelId));
    const [before] = await tx.select().from(m).where(where).for("update");
    if (!before) throw new NotFoundError("Model");
    if (input.publicId && input.publicId !== before.publicId) {
      await assertPublicIdFree(tx, access.orgId, input.publicId);
    }
    const [after] = await tx
      .update(m)
      .set({ ...input, updatedAt: new Date() })
      .where(where)
      .returning();
    if (!after) throw new NotFoundError("Model");
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(input) as (keyof UpdateModelInput)[]) {
      if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
    }
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "model.updated",
      targetType: "model",
      targetId: modelId,
      details: { publicId: after.publicId, changes },
    });
    return after;
  });
  evictCatalogue(ctx.db, access.orgId);
  const availability = await availabilityByUpstream(ctx.db, access.orgId, [row.upstreamName], live);
  return modelView(row, availability.get(row.upstreamName) ?? []);
}
