import type { UpdateOrgInput } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { type OrgView, orgView } from "./views.ts";

export async function updateOrg({
  ctx,
  orgId,
  input,
}: {
  ctx: ServiceCtx;
  orgId: string;
  input: UpdateOrgInput;
}): Promise<OrgView> {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(schema.organizations)
      .where(eq(schema.organizations.id, orgId))
      .for("update");
    if (!before) throw new NotFoundError("Organization");
    const [after] = await tx
      .update(schema.organizations)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(schema.organizations.id, orgId))
      .returning();
    if (!after) throw new NotFoundError("Organization");
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(input) as (keyof UpdateOrgInput)[]) {
      if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
    }
    await writeAudit(tx, ctx, {
      orgId,
      action: "org.updated",
      targetType: "organization",
      targetId: orgId,
      details: { changes },
    });
    return orgView(after);
  });
}
