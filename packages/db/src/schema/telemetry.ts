import type { NodeStatus } from "@edgeplane/contracts";
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { lifecycle, tstz } from "./columns.ts";
import { nodes } from "./fleet.ts";
import { organizations } from "./orgs.ts";

/*
 * Telemetry: raw samples (24 h), rollups (1-minute for sites and fleets, 5-minute and 1-hour
 * for nodes, sites and fleets), the latest sample of each node, and each node's health.
 * Metric columns are real (4 bytes): sensor readings need no more, and rows are many.
 */

/** One row per (node, seq): the primary key is what makes a retried batch count once. */
export const telemetrySamples = pgTable(
  "telemetry_samples",
  {
    nodeId: text("node_id")
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: tstz("at").notNull(),
    gpuUtil: real("gpu_util"),
    gpuMemUsed: real("gpu_mem_used"),
    gpuTemp: real("gpu_temp"),
    power: real("power"),
    tokensPerSecond: real("tokens_per_second"),
    queueDepth: real("queue_depth"),
    heartbeatLag: real("heartbeat_lag"),
  },
  (t) => [
    primaryKey({ name: "telemetry_samples_pkey", columns: [t.nodeId, t.seq] }),
    index("telemetry_samples_node_at_idx").on(t.nodeId, t.at),
    index("telemetry_samples_at_idx").on(t.at),
  ],
);

/** Per metric: min, max, sum and count of non-null values, so tiers combine exactly. */
function rollupTable(name: string) {
  return pgTable(
    name,
    {
      /** A node, site or org id (the fleet of an org): prefixed ids never collide. */
      scopeId: text("scope_id").notNull(),
      bucket: tstz("bucket").notNull(),
      scope: text("scope").$type<"node" | "site" | "fleet">().notNull(),
      orgId: text("org_id")
        .notNull()
        .references(() => organizations.id, { onDelete: "cascade" }),
      siteId: text("site_id"),
      nodes: integer("nodes").notNull(),
      samples: integer("samples").notNull(),
      gpuUtilMin: real("gpu_util_min"),
      gpuUtilMax: real("gpu_util_max"),
      gpuUtilSum: doublePrecision("gpu_util_sum"),
      gpuUtilN: integer("gpu_util_n").notNull(),
      gpuMemUsedMin: real("gpu_mem_used_min"),
      gpuMemUsedMax: real("gpu_mem_used_max"),
      gpuMemUsedSum: doublePrecision("gpu_mem_used_sum"),
      gpuMemUsedN: integer("gpu_mem_used_n").notNull(),
      gpuTempMin: real("gpu_temp_min"),
      gpuTempMax: real("gpu_temp_max"),
      gpuTempSum: doublePrecision("gpu_temp_sum"),
      gpuTempN: integer("gpu_temp_n").notNull(),
      powerMin: real("power_min"),
      powerMax: real("power_max"),
      powerSum: doublePrecision("power_sum"),
      powerN: integer("power_n").notNull(),
      tokensPerSecondMin: real("tokens_per_second_min"),
      tokensPerSecondMax: real("tokens_per_second_max"),
      tokensPerSecondSum: doublePrecision("tokens_per_second_sum"),
      tokensPerSecondN: integer("tokens_per_second_n").notNull(),
      queueDepthMin: real("queue_depth_min"),
      queueDepthMax: real("queue_depth_max"),
      queueDepthSum: doublePrecision("queue_depth_sum"),
      queueDepthN: integer("queue_depth_n").notNull(),
      heartbeatLagMin: real("heartbeat_lag_min"),
      heartbeatLagMax: real("heartbeat_lag_max"),
      heartbeatLagSum: doublePrecision("heartbeat_lag_sum"),
      heartbeatLagN: integer("heartbeat_lag_n").notNull(),
    },
    (t) => [
      primaryKey({ name: `${name}_pkey`, columns: [t.scopeId, t.bucket] }),
      index(`${name}_bucket_idx`).on(t.bucket),
    ],
  );
}

/** Sites and fleets only, kept as long as raw samples: the 1-hour chart of a site or fleet. */
export const telemetryRollups1m = rollupTable("telemetry_rollups_1m");
export const telemetryRollups5m = rollupTable("telemetry_rollups_5m");
export const telemetryRollups1h = rollupTable("telemetry_rollups_1h");

/** Samples that arrived after their minute was rolled up: the rollup job recomputes those. */
export const telemetryLate = pgTable(
  "telemetry_late",
  {
    nodeId: text("node_id").notNull(),
    minute: tstz("minute").notNull(),
  },
  (t) => [primaryKey({ name: "telemetry_late_pkey", columns: [t.nodeId, t.minute] })],
);

/** Where each background job has got to (rollup watermarks, last health pass). */
export const jobMarks = pgTable("job_marks", {
  name: text("name").primaryKey(),
  at: tstz("at").notNull(),
  ...lifecycle,
});

export interface GpuNow {
  index: number;
  name: string | null;
  utilizationPct: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
  temperatureC: number | null;
  powerW: number | null;
  eccUncorrected: number | null;
  lastXid: number | null;
}

/** The newest sample of each node, kept current on every batch (what /operator reads). */
export const nodeTelemetry = pgTable("node_telemetry", {
  nodeId: text("node_id")
    .primaryKey()
    .references(() => nodes.id, { onDelete: "cascade" }),
  orgId: text("org_id").notNull(),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull(),
  sampleAt: tstz("sample_at").notNull(),
  /** When the control plane last heard from the node (any batch, even a retried one). */
  receivedAt: tstz("received_at").notNull(),
  intervalSeconds: integer("interval_seconds").notNull(),
  agentVersion: text("agent_version").notNull(),
  hostname: text("hostname").notNull(),
  simulated: boolean("simulated").notNull(),
  noGpu: boolean("no_gpu").notNull(),
  gpuCount: smallint("gpu_count").notNull(),
  gpuUtil: real("gpu_util"),
  gpuMemUsed: real("gpu_mem_used"),
  gpuTemp: real("gpu_temp"),
  power: real("power"),
  tokensPerSecond: real("tokens_per_second"),
  queueDepth: real("queue_depth"),
  heartbeatLag: real("heartbeat_lag"),
  /** Health inputs, folded at ingest so the evaluator reads no JSON. */
  hottestGpu: smallint("hottest_gpu"),
  eccUncorrected: bigint("ecc_uncorrected", { mode: "number" }),
  eccGpu: smallint("ecc_gpu"),
  /** GPU index → last XID code, only GPUs that report a non-zero one. */
  xids: jsonb("xids").$type<Record<string, number>>().notNull(),
  upstreamHealthy: boolean("upstream_healthy"),
  errorRatePct: real("error_rate_pct"),
  models: jsonb("models").$type<string[]>().notNull(),
  gpus: jsonb("gpus").$type<GpuNow[]>().notNull(),
});

export interface StoredReason {
  code: string;
  severity: "minor" | "major" | "critical";
  message: string;
  since: string;
  clearingSince: string | null;
}

/** Why each node has its state: the health evaluator's output, with hysteresis state. */
export const nodeHealth = pgTable(
  "node_health",
  {
    nodeId: text("node_id")
      .primaryKey()
      .references(() => nodes.id, { onDelete: "cascade" }),
    orgId: text("org_id").notNull(),
    status: text("status").$type<NodeStatus>().notNull(),
    since: tstz("since").notNull(),
    reasons: jsonb("reasons").$type<StoredReason[]>().notNull().default([]),
    xidBaseline: jsonb("xid_baseline").$type<Record<string, number>>().notNull().default({}),
    xidEvent: jsonb("xid_event").$type<{ gpu: number; code: number; at: string } | null>(),
    maintenance: boolean("maintenance").notNull().default(false),
    maintenanceReason: text("maintenance_reason"),
    maintenanceSince: tstz("maintenance_since"),
    maintenanceBy: uuid("maintenance_by"),
    ...lifecycle,
  },
  (t) => [index("node_health_org_status_idx").on(t.orgId, t.status)],
);
