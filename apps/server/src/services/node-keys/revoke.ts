import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { evictNodeKeys } from "../../keys/verifier.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";

/** Revokes a key at once; this replica evicts it now, the others within a second. */
export async function revokeNodeKey({
  ctx,
  access,
  nodeId,
  keyId,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  nodeId: string;
  keyId: string;
}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const k = schema.nodeKeys;
    const where = and(eq(k.orgId, access.orgId), eq(k.nodeId, nodeId), eq(k.id, keyId));
    const [key] = await tx.select().from(k).where(where).for("update");
    if (!key) throw new NotFoundError("Node key");
    if (key.revokedAt) throw new ConflictError("The key is already revoked");
    const now = new Date();
    await tx
      .update(k)
      .set({ revokedAt: now, revokedBy: ctx.actor.userId, updatedAt: now })
      .where(where);
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "node_key.revoked",
      targetType: "node_key",
      targetId: keyId,
      details: { nodeId, start: key.start, name: key.name },
    });
  });
  evictNodeKeys(ctx.db, { keyIds: [keyId] });
}
