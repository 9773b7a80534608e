import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { evictCatalogue } from "../gateway/catalogue.ts";

/** Removes a model from the catalogue (404 to customers from then on); its usage stays. */
export async function deleteModel({
  ctx,
  access,
  modelId,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  modelId: string;
}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const m = schema.models;
    const [row] = await tx
      .delete(m)
      .where(and(eq(m.orgId, access.orgId), eq(m.id, modelId)))
      .returning({ publicId: m.publicId, upstreamName: m.upstreamName });
    if (!row) throw new NotFoundError("Model");
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "model.deleted",
      targetType: "model",
      targetId: modelId,
      details: { ...row },
    });
  });
  evictCatalogue(ctx.db, access.orgId);
}
