import { z } from "zod";
import { idOf, nodeStatuses, regions } from "./fleet.ts";
import { newId } from "./ids.ts";
import { text } from "./text.ts";

/* Fleet operations: telemetry series, node health, incidents and the status page. */

/** Chart metrics; each is one number per node sample (GPU values folded across the node's GPUs). */
export const telemetryMetrics = [
  "gpu_utilization",
  "gpu_memory_used",
  "gpu_temperature",
  "power",
  "tokens_per_second",
  "queue_depth",
  "heartbeat_lag",
] as const;
export type TelemetryMetric = (typeof telemetryMetrics)[number];

export const metricInfo: Record<TelemetryMetric, { label: string; unit: string; how: string }> = {
  gpu_utilization: { label: "GPU utilization", unit: "%", how: "mean over the node's GPUs" },
  gpu_memory_used: { label: "GPU memory used", unit: "MiB", how: "sum over the node's GPUs" },
  gpu_temperature: { label: "GPU temperature", unit: "°C", how: "hottest GPU of the node" },
  power: { label: "GPU power", unit: "W", how: "sum over the node's GPUs" },
  tokens_per_second: { label: "Tokens/s", unit: "tokens/s", how: "generation tokens per second" },
  queue_depth: { label: "Queue depth", unit: "requests", how: "requests waiting (vLLM)" },
  heartbeat_lag: { label: "Heartbeat lag", unit: "ms", how: "received time − sample time" },
};

export const seriesScopes = ["fleet", "site", "node"] as const;
export type SeriesScope = (typeof seriesScopes)[number];

export const seriesRanges = ["1h", "24h", "7d", "30d"] as const;
export type SeriesRange = (typeof seriesRanges)[number];

export const seriesQuery = z
  .object({
    scope: z.enum(seriesScopes).default("fleet"),
    /** A site id for scope=site, a node id for scope=node; unused for the fleet. */
    id: z.string().max(64).optional(),
    range: z.enum(seriesRanges).default("1h"),
    /** Comma-separated metric names; all of them when left out. */
    metrics: z
      .string()
      .max(400)
      .optional()
      .transform((v, ctx) => {
        if (!v) return [...telemetryMetrics];
        const names = [...new Set(v.split(",").map((s) => s.trim()))];
        const known = new Set<string>(telemetryMetrics);
        const bad = names.filter((n) => !known.has(n));
        if (bad.length > 0) {
          ctx.addIssue({ code: "custom", message: `Unknown metric: ${bad.join(", ")}` });
          return z.NEVER;
        }
        return names as TelemetryMetric[];
      }),
  })
  .superRefine((v, ctx) => {
    if (v.scope !== "fleet" && !v.id) {
      ctx.addIssue({ code: "custom", path: ["id"], message: `Required for scope=${v.scope}` });
    }
  });
export type SeriesQuery = z.infer<typeof seriesQuery>;

export const seriesPointSchema = z.object({
  t: z.string(),
  min: z.number().nullable(),
  avg: z.number().nullable(),
  max: z.number().nullable(),
  /** Samples behind the point (0: no data in this bucket). */
  samples: z.number().int(),
});
export const seriesSchema = z.object({
  scope: z.enum(seriesScopes),
  id: z.string(),
  range: z.enum(seriesRanges),
  /** Where the points come from: raw samples or a rollup tier, and the width of one point. */
  source: z.enum(["raw", "1m", "5m", "1h"]),
  stepSeconds: z.number().int(),
  /** True when a node in scope reports simulated telemetry (`edgeplane-agent simulate`). */
  simulated: z.boolean(),
  from: z.string(),
  to: z.string(),
  series: z.array(
    z.object({
      metric: z.enum(telemetryMetrics),
      unit: z.string(),
      points: z.array(seriesPointSchema),
    }),
  ),
});
export type Series = z.infer<typeof seriesSchema>;

/* Node health. */

export const healthReasonCodes = [
  "offline",
  "heartbeat_late",
  "gpu_temperature",
  "xid_error",
  "ecc_uncorrectable",
  "upstream_unhealthy",
  "error_rate",
] as const;
export type HealthReasonCode = (typeof healthReasonCodes)[number];

export const incidentSeverities = ["minor", "major", "critical"] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

export const healthReasonSchema = z.object({
  code: z.enum(healthReasonCodes),
  severity: z.enum(incidentSeverities),
  message: z.string(),
  /** When this reason started to hold. */
  since: z.string(),
  /** Set while the condition has cleared but the node is not yet trusted (hysteresis). */
  clearingSince: z.string().nullable(),
});
export type HealthReason = z.infer<typeof healthReasonSchema>;

export const maintenanceInput = z.object({
  enabled: z.boolean(),
  reason: text(500).optional(),
});
export type MaintenanceInput = z.infer<typeof maintenanceInput>;

const gpuNowSchema = z.object({
  index: z.number().int(),
  name: z.string().nullable(),
  utilizationPct: z.number().nullable(),
  memoryUsedMiB: z.number().nullable(),
  memoryTotalMiB: z.number().nullable(),
  temperatureC: z.number().nullable(),
  powerW: z.number().nullable(),
  eccUncorrected: z.number().nullable(),
  lastXid: z.number().nullable(),
});

export const nodeStateSchema = z.object({
  nodeId: z.string(),
  status: z.enum(nodeStatuses),
  since: z.string().nullable(),
  reasons: z.array(healthReasonSchema),
  maintenance: z
    .object({ reason: z.string().nullable(), since: z.string(), by: z.string().nullable() })
    .nullable(),
  telemetry: z
    .object({
      lastSeq: z.number().int(),
      sampleAt: z.string(),
      receivedAt: z.string(),
      intervalSeconds: z.number().int(),
      agentVersion: z.string(),
      hostname: z.string(),
      simulated: z.boolean(),
      noGpu: z.boolean(),
      metrics: z.record(z.enum(telemetryMetrics), z.number().nullable()),
      upstreamHealthy: z.boolean().nullable(),
      errorRatePct: z.number().nullable(),
      models: z.array(z.string()),
      gpus: z.array(gpuNowSchema),
    })
    .nullable(),
});
export type NodeState = z.infer<typeof nodeStateSchema>;

/* Incidents (Statuspage / PagerDuty vocabulary). */

export const incidentStatuses = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** One open incident per node (or site) and cause: `heartbeat_late` and `offline` share `connectivity`. */
export const incidentCauses = [
  "connectivity",
  "gpu_temperature",
  "xid_error",
  "ecc_uncorrectable",
  "upstream_unhealthy",
  "error_rate",
  "site_offline",
] as const;
export type IncidentCause = (typeof incidentCauses)[number];

export const incidentEventKinds = [
  "opened",
  "severity_changed",
  "acknowledged",
  "assigned",
  "note",
  "status_changed",
  "resolved",
] as const;
export type IncidentEventKind = (typeof incidentEventKinds)[number];

/** Incidents carry `inc_` ids; made by the shared time-sortable generator. */
export function newIncidentId(now?: number): string {
  return `inc_${newId("request", now).slice("req_".length)}`;
}
export const isIncidentId = (v: string) => /^inc_[1-9A-HJ-NP-Za-km-z]{22}$/.test(v);

export const listIncidentsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().refine(isIncidentId, "Must be an incident id").optional(),
  status: z.enum(["open", "resolved", "all"]).default("open"),
  severity: z.enum(incidentSeverities).optional(),
  siteId: idOf("site").optional(),
  nodeId: idOf("node").optional(),
});
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuery>;

const note = z
  .string()
  .trim()
  .min(1, "Required")
  .max(5000, "Must be at most 5000 characters")
  .refine((v) => !v.includes("\u0000"), "Must not contain NUL");

export const assignIncidentInput = z.object({
  /** A member's user id; null clears the assignment. */
  assigneeId: z.uuid("Must be a user id").nullable(),
});
export const incidentNoteInput = z.object({ body: note });
export const incidentStatusInput = z.object({
  status: z.enum(incidentStatuses),
  note: note.optional(),
});
export const resolveIncidentInput = z.object({ note: note.optional() });

const actorSchema = z.object({ id: z.string(), email: z.string().nullable() }).nullable();

export const incidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  cause: z.enum(incidentCauses),
  severity: z.enum(incidentSeverities),
  status: z.enum(incidentStatuses),
  nodeId: z.string().nullable(),
  siteId: z.string().nullable(),
  subject: z.string(),
  openedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: actorSchema,
  assignee: actorSchema,
  resolvedAt: z.string().nullable(),
  /** null with a resolvedAt: resolved automatically on recovery. */
  resolvedBy: actorSchema,
  updatedAt: z.string(),
});
export type IncidentView = z.infer<typeof incidentSchema>;

export const incidentEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(incidentEventKinds),
  /** null: the health evaluator. */
  actor: actorSchema,
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string().nullable(),
});
export type IncidentEventView = z.infer<typeof incidentEventSchema>;

export const incidentDetailSchema = incidentSchema.extend({
  timeline: z.array(incidentEventSchema),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

/* Status page (Statuspage / OpenStatus vocabulary). */

export const componentStates = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
] as const;
export type ComponentState = (typeof componentStates)[number];

export const componentKinds = ["region", "site", "model"] as const;
export type ComponentKind = (typeof componentKinds)[number];

/** OpenStatus weights: the share of a period counted as down. */
export const uptimeWeights: Record<ComponentState, number> = {
  operational: 0,
  degraded_performance: 0,
  under_maintenance: 0,
  partial_outage: 0.5,
  major_outage: 1,
};

export const statusSchema = z.object({
  asOf: z.string(),
  /** True when any node's newest telemetry is simulated. */
  simulated: z.boolean(),
  overall: z.enum(componentStates),
  /** The 90 UTC days the uptime arrays cover, oldest first. */
  days: z.array(z.string()),
  components: z.array(
    z.object({
      kind: z.enum(componentKinds),
      id: z.string(),
      name: z.string(),
      state: z.enum(componentStates),
      nodes: z.number().int(),
      /** One value per day (0–1), null where nothing was observed. */
      uptime: z.array(z.number().nullable()),
      uptime90: z.number().nullable(),
    }),
  ),
  activeIncidents: z.array(incidentSchema),
});
export type StatusPage = z.infer<typeof statusSchema>;

/* The operator's mission control. */

const statusCounts = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  online: z.number().int(),
  degraded: z.number().int(),
  offline: z.number().int(),
  maintenance: z.number().int(),
});

/** True when any node's newest telemetry comes from `edgeplane-agent simulate`: label it so. */
const simulated = z.boolean();

export const operatorSummarySchema = z.object({
  asOf: z.string(),
  simulated,
  nodes: statusCounts,
  gpus: z.object({ online: z.number().int(), total: z.number().int() }),
  openIncidents: z.object({
    minor: z.number().int(),
    major: z.number().int(),
    critical: z.number().int(),
  }),
  sites: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      region: z.enum(regions),
      state: z.enum(componentStates),
      counts: statusCounts,
    }),
  ),
  needsAttention: z.array(
    z.object({
      nodeId: z.string(),
      name: z.string(),
      siteId: z.string(),
      siteName: z.string(),
      status: z.enum(nodeStatuses),
      severity: z.enum(incidentSeverities),
      since: z.string(),
      reasons: z.array(healthReasonSchema),
    }),
  ),
});
export type OperatorSummary = z.infer<typeof operatorSummarySchema>;
