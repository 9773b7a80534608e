import type { UpdateNodeInput } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { evictNodeKeys } from "../../keys/verifier.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx, Tx } from "../context.ts";
import {
  assertExternalIdFree,
  capacityWarning,
  duplicateExternalId,
  isUniqueViolation,
  lockTargetSite,
} from "./rules.ts";
import { type NodeView, nodeView } from "./views.ts";

/**
 * Changes a node (labels are replaced as a whole). Moving it or changing its draw re-checks
 * the site's power capacity; status is not editable here: the agent and health set it.
 */
export async function updateNode({
  ctx,
  access,
  nodeId,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  nodeId: string;
  input: UpdateNodeInput;
}): Promise<NodeView> {
  try {
    const view = await ctx.db.transaction(async (tx) => {
      const n = schema.nodes;
      const where = and(eq(n.orgId, access.orgId), eq(n.id, nodeId));
      const [before] = await tx.select().from(n).where(where).for("update");
      if (!before) throw new NotFoundError("Node");
      const moved = input.siteId !== undefined && input.siteId !== before.siteId;
      const drawChanged = input.powerDrawW !== undefined && input.powerDrawW !== before.powerDrawW;
      if (input.externalId !== undefined && input.externalId !== before.externalId) {
        await assertExternalIdFree(tx, access.orgId, input.externalId, nodeId);
      }
      let warning = before.capacityWarning;
      let siteName: string | undefined;
      if (moved || drawChanged) {
        const site = await lockTargetSite(tx, access.orgId, input.siteId ?? before.siteId);
        warning = await capacityWarning(tx, site, input.powerDrawW ?? before.powerDrawW, nodeId);
        siteName = site.name;
      }
      const [after] = await tx
        .update(n)
        .set({ ...input, capacityWarning: warning, updatedAt: new Date() })
        .where(where)
        .returning();
      if (!after) throw new NotFoundError("Node");
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of [...Object.keys(input), "capacityWarning"] as (keyof typeof after)[]) {
        const from = before[key];
        const to = after[key];
        if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
      }
      await writeAudit(tx, ctx, {
        orgId: access.orgId,
        action: "node.updated",
        targetType: "node",
        targetId: nodeId,
        details: { changes },
      });
      siteName ??= await currentSiteName(tx, after.siteId);
      return nodeView(after, siteName);
    });
    // The agent's identity names its site: a moved node is re-read on the next call.
    if (input.siteId) evictNodeKeys(ctx.db, { nodeId });
    return view;
  } catch (err) {
    if (input.externalId && isUniqueViolation(err)) throw duplicateExternalId(input.externalId);
    throw err;
  }
}

async function currentSiteName(tx: Tx, siteId: string): Promise<string> {
  const [site] = await tx
    .select({ name: schema.sites.name })
    .from(schema.sites)
    .where(eq(schema.sites.id, siteId));
  return site?.name ?? "";
}
