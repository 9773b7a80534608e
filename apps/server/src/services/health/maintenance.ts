import type { MaintenanceInput, NodeState } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import type { HealthThresholds } from "../../jobs/config.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { reconcileIncidents } from "../incidents/reconcile.ts";
import { readMark } from "../telemetry/sql.ts";
import { observation } from "./evaluate.ts";
import { evaluateHealth, type HealthSnapshot } from "./rules.ts";
import { healthColumns, snapshotOf } from "./snapshot.ts";
import { getNodeState } from "./state.ts";

/**
 * Puts a node into maintenance (no incidents open for it; its reasons are still tracked) or
 * takes it out, when its state is decided again at once: conditions still present then open
 * their incidents, as a transition into trouble.
 */
export async function setMaintenance({
  ctx,
  access,
  nodeId,
  input,
  thresholds,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  nodeId: string;
  input: MaintenanceInput;
  thresholds: HealthThresholds;
}): Promise<NodeState> {
  await ctx.db.transaction(async (tx) => {
    const n = schema.nodes;
    const [node] = await tx
      .select()
      .from(n)
      .where(and(eq(n.orgId, access.orgId), eq(n.id, nodeId)))
      .for("update");
    if (!node) throw new NotFoundError("Node");
    const [health] = await tx
      .select()
      .from(schema.nodeHealth)
      .where(eq(schema.nodeHealth.nodeId, nodeId));
    const [tm] = await tx
      .select()
      .from(schema.nodeTelemetry)
      .where(eq(schema.nodeTelemetry.nodeId, nodeId));
    const now = Date.now();
    const prev: HealthSnapshot = health
      ? snapshotOf(health)
      : {
          status: node.status,
          since: now,
          reasons: [],
          xidBaseline: {},
          xidEvent: null,
          maintenance: false,
        };
    if (prev.maintenance === input.enabled) return;
    const obs = observation({
      received_at: tm?.receivedAt ?? null,
      interval_seconds: tm?.intervalSeconds ?? null,
      gpu_temp: tm?.gpuTemp ?? null,
      hottest_gpu: tm?.hottestGpu ?? null,
      ecc_uncorrected: tm?.eccUncorrected ?? null,
      ecc_gpu: tm?.eccGpu ?? null,
      xids: tm?.xids ?? null,
      upstream_healthy: tm?.upstreamHealthy ?? null,
      error_rate_pct: tm?.errorRatePct ?? null,
    });
    const watchingSince = (await readMark(tx, "health.watching")) ?? undefined;
    const next = evaluateHealth(
      { ...prev, maintenance: input.enabled },
      { ...obs, watchingSince },
      thresholds,
      now,
    );
    const at = new Date(now);
    const maintenance = input.enabled
      ? {
          maintenance: true,
          maintenanceReason: input.reason ?? null,
          maintenanceSince: at,
          maintenanceBy: ctx.actor.userId,
        }
      : {
          maintenance: false,
          maintenanceReason: null,
          maintenanceSince: null,
          maintenanceBy: null,
        };
    const columns = { ...healthColumns(next), ...maintenance, updatedAt: at };
    await tx
      .insert(schema.nodeHealth)
      .values({ nodeId, orgId: access.orgId, ...columns })
      .onConflictDoUpdate({ target: schema.nodeHealth.nodeId, set: columns });
    await tx.update(n).set({ status: next.status }).where(eq(n.id, nodeId));
    if (!input.enabled) {
      await reconcileIncidents(
        tx,
        {
          nodes: [
            {
              nodeId,
              orgId: access.orgId,
              siteId: node.siteId,
              name: node.name,
              prev: { reasons: prev.reasons, maintenance: true },
              next: { reasons: next.reasons, maintenance: false },
            },
          ],
          sites: [],
        },
        at,
      );
    }
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: input.enabled ? "node.maintenance_started" : "node.maintenance_ended",
      targetType: "node",
      targetId: nodeId,
      details: { from: prev.status, to: next.status, reason: input.reason ?? null },
    });
  });
  return getNodeState(ctx.db, access.orgId, nodeId);
}
