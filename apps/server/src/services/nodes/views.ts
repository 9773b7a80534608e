import type { NodeView } from "@edgeplane/contracts";
import { findAccelerator } from "@edgeplane/contracts";
import type { schema } from "@edgeplane/db";

type NodeRow = typeof schema.nodes.$inferSelect;

export function nodeView(row: NodeRow, siteName: string): NodeView {
  return {
    id: row.id,
    siteId: row.siteId,
    siteName,
    name: row.name,
    externalId: row.externalId,
    acceleratorType: row.acceleratorType,
    accelerator: findAccelerator(row.acceleratorType) ?? null,
    gpuCount: row.gpuCount,
    powerDrawW: row.powerDrawW,
    latencyEstimateMs: row.latencyEstimateMs,
    status: row.status,
    labels: row.labels,
    capacityWarning: row.capacityWarning,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type { NodeView };
