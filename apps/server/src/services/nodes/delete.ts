import { schema } from "@edgeplane/db";
import { and, count, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { evictNodeKeys } from "../../keys/verifier.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";

/** Deletes a node and, with it, its keys: its agent is refused from then on. */
export async function deleteNode({
  ctx,
  access,
  nodeId,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  nodeId: string;
}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const n = schema.nodes;
    const where = and(eq(n.orgId, access.orgId), eq(n.id, nodeId));
    const [node] = await tx.select().from(n).where(where).for("update");
    if (!node) throw new NotFoundError("Node");
    const [keys] = await tx
      .select({ n: count() })
      .from(schema.nodeKeys)
      .where(and(eq(schema.nodeKeys.orgId, access.orgId), eq(schema.nodeKeys.nodeId, nodeId)));
    await tx.delete(n).where(where);
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "node.deleted",
      targetType: "node",
      targetId: nodeId,
      details: {
        name: node.name,
        externalId: node.externalId,
        siteId: node.siteId,
        keysDeleted: keys?.n ?? 0,
      },
    });
  });
  evictNodeKeys(ctx.db, { nodeId });
}
