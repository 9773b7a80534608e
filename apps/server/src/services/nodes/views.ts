import { type Accelerator, findAccelerator } from "@edgeplane/contracts";
import type { schema } from "@edgeplane/db";

type NodeRow = typeof schema.nodes.$inferSelect;

export interface NodeView {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
  externalId: string;
  acceleratorType: string;
  /** The catalogue entry when `acceleratorType` names one; null for free text. */
  accelerator: Accelerator | null;
  gpuCount: number;
  powerDrawW: number;
  latencyEstimateMs: number | null;
  status: NodeRow["status"];
  labels: Record<string, string>;
  capacityWarning: string | null;
  lastSeenAt: string | null;
  createdAt: string;
  updatedAt: string;
}

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
