import type { NodeState } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { Db, Tx } from "../context.ts";

/** A node's state, the reasons for it, and its newest telemetry (the node page). */
export async function getNodeState(db: Db | Tx, orgId: string, nodeId: string): Promise<NodeState> {
  const n = schema.nodes;
  const h = schema.nodeHealth;
  const t = schema.nodeTelemetry;
  const [row] = await db
    .select({ status: n.status, health: h, telemetry: t, by: schema.users.email })
    .from(n)
    .leftJoin(h, eq(h.nodeId, n.id))
    .leftJoin(t, eq(t.nodeId, n.id))
    .leftJoin(schema.users, eq(schema.users.id, h.maintenanceBy))
    .where(and(eq(n.orgId, orgId), eq(n.id, nodeId)))
    .limit(1);
  if (!row) throw new NotFoundError("Node");
  const { health, telemetry: tm } = row;
  return {
    nodeId,
    status: row.status,
    since: health?.since.toISOString() ?? null,
    reasons: (health?.reasons ?? []).map((r) => ({
      ...r,
      code: r.code as NodeState["reasons"][number]["code"],
    })),
    maintenance:
      health?.maintenance && health.maintenanceSince
        ? {
            reason: health.maintenanceReason,
            since: health.maintenanceSince.toISOString(),
            by: row.by,
          }
        : null,
    telemetry: tm
      ? {
          lastSeq: tm.lastSeq,
          sampleAt: tm.sampleAt.toISOString(),
          receivedAt: tm.receivedAt.toISOString(),
          intervalSeconds: tm.intervalSeconds,
          agentVersion: tm.agentVersion,
          hostname: tm.hostname,
          simulated: tm.simulated,
          noGpu: tm.noGpu,
          metrics: {
            gpu_utilization: tm.gpuUtil,
            gpu_memory_used: tm.gpuMemUsed,
            gpu_temperature: tm.gpuTemp,
            power: tm.power,
            tokens_per_second: tm.tokensPerSecond,
            queue_depth: tm.queueDepth,
            heartbeat_lag: tm.heartbeatLag,
          },
          upstreamHealthy: tm.upstreamHealthy,
          errorRatePct: tm.errorRatePct,
          models: tm.models,
          gpus: tm.gpus,
        }
      : null,
  };
}
