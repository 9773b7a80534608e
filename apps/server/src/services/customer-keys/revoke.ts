import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { evictCustomerKeys } from "../../keys/customer-verifier.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";

/** Revokes a key at once; this replica evicts it now, the others within a second. */
export async function revokeCustomerKey({
  ctx,
  access,
  customerId,
  keyId,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  customerId: string;
  keyId: string;
}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const k = schema.customerKeys;
    const where = and(eq(k.orgId, access.orgId), eq(k.customerId, customerId), eq(k.id, keyId));
    const [key] = await tx.select().from(k).where(where).for("update");
    if (!key) throw new NotFoundError("Customer key");
    if (key.revokedAt) throw new ConflictError("The key is already revoked");
    const now = new Date();
    await tx
      .update(k)
      .set({ revokedAt: now, revokedBy: ctx.actor.userId, updatedAt: now })
      .where(where);
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "customer_key.revoked",
      targetType: "customer_key",
      targetId: keyId,
      details: { customerId, start: key.start, name: key.name },
    });
  });
  evictCustomerKeys(ctx.db, { keyIds: [keyId] });
}
