import { type CreateNodeInput, newId, suggestPowerDrawW } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { ValidationError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import {
  assertExternalIdFree,
  capacityWarning,
  duplicateExternalId,
  isUniqueViolation,
  lockTargetSite,
} from "./rules.ts";
import { type NodeView, nodeView } from "./views.ts";

/** Registers a node on a site of the org; it stays `pending` until its agent connects. */
export async function registerNode({
  ctx,
  access,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  input: CreateNodeInput;
}): Promise<NodeView> {
  const powerDrawW = input.powerDrawW ?? suggestPowerDrawW(input.acceleratorType, input.gpuCount);
  if (powerDrawW === undefined) {
    throw new ValidationError([
      { path: "powerDrawW", message: "Required for an accelerator outside the catalogue" },
    ]);
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const site = await lockTargetSite(tx, access.orgId, input.siteId);
      await assertExternalIdFree(tx, access.orgId, input.externalId);
      const warning = await capacityWarning(tx, site, powerDrawW);
      const [row] = await tx
        .insert(schema.nodes)
        .values({
          id: newId("node"),
          orgId: access.orgId,
          siteId: site.id,
          name: input.name,
          externalId: input.externalId,
          acceleratorType: input.acceleratorType,
          gpuCount: input.gpuCount,
          powerDrawW,
          latencyEstimateMs: input.latencyEstimateMs ?? null,
          status: "pending",
          labels: input.labels ?? {},
          capacityWarning: warning,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      await writeAudit(tx, ctx, {
        orgId: access.orgId,
        action: "node.registered",
        targetType: "node",
        targetId: row.id,
        details: {
          name: row.name,
          externalId: row.externalId,
          siteId: row.siteId,
          acceleratorType: row.acceleratorType,
          gpuCount: row.gpuCount,
          powerDrawW: row.powerDrawW,
          powerDrawSuggested: input.powerDrawW === undefined,
          ...(warning ? { capacityWarning: warning } : {}),
        },
      });
      return nodeView(row, site.name);
    });
  } catch (err) {
    // Two registrations racing for one external id: the unique index decides.
    if (isUniqueViolation(err)) throw duplicateExternalId(input.externalId);
    throw err;
  }
}
