import { z } from "zod";

const seconds = (def: number, min = 1, max = 86_400 * 800) =>
  z.coerce.number().min(min).max(max).default(def);

/** Environment of fleet operations: health thresholds, telemetry retention, job cadence. */
export const opsEnvShape = {
  JOBS_ENABLED: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  HEALTH_INTERVAL_SECONDS: seconds(5, 1, 300),
  HEALTH_LATE_INTERVALS: z.coerce.number().min(1).max(100).default(3),
  HEALTH_OFFLINE_SECONDS: seconds(120, 10),
  HEALTH_RECOVER_SECONDS: seconds(60, 0, 3600),
  HEALTH_GPU_TEMP_C: z.coerce.number().min(30).max(150).default(85),
  HEALTH_GPU_TEMP_CLEAR_C: z.coerce.number().min(20).max(150).default(80),
  HEALTH_ERROR_RATE_PCT: z.coerce.number().min(0).max(100).default(5),
  HEALTH_ERROR_RATE_CLEAR_PCT: z.coerce.number().min(0).max(100).default(2.5),
  HEALTH_XID_HOLD_SECONDS: seconds(600, 0),
  ROLLUP_INTERVAL_SECONDS: seconds(15, 1, 3600),
  ROLLUP_GRACE_SECONDS: seconds(30, 0, 3600),
  RETENTION_INTERVAL_SECONDS: seconds(3600, 10),
  TELEMETRY_RAW_RETENTION_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(24),
  TELEMETRY_5M_RETENTION_DAYS: z.coerce.number().min(1).max(3660).default(30),
  TELEMETRY_1H_RETENTION_DAYS: z.coerce.number().min(1).max(36_600).default(396),
  TELEMETRY_GROUP_COMMIT_MS: z.coerce.number().min(0).max(1000).default(10),
  TELEMETRY_MAX_QUEUED_SAMPLES: z.coerce.number().int().min(100).default(50_000),
};

type OpsEnv = { [K in keyof typeof opsEnvShape]: z.infer<(typeof opsEnvShape)[K]> };

export interface HealthThresholds {
  /** A heartbeat is late after this many of the node's own intervals. */
  lateIntervals: number;
  offlineAfterMs: number;
  /** A cleared condition must stay clear this long before the node's state improves. */
  recoverAfterMs: number;
  gpuTempC: number;
  gpuTempClearC: number;
  errorRatePct: number;
  errorRateClearPct: number;
  /** How long a new XID error keeps the node degraded. */
  xidHoldMs: number;
}

export interface OpsConfig {
  jobsEnabled: boolean;
  healthIntervalMs: number;
  health: HealthThresholds;
  rollup: { intervalMs: number; graceMs: number; retentionIntervalMs: number };
  retention: { rawMs: number; fiveMinuteMs: number; hourMs: number };
  ingest: { groupCommitMs: number; maxQueuedSamples: number };
}

const hour = 3_600_000;
const day = 24 * hour;

export function opsConfig(e: OpsEnv): OpsConfig {
  return {
    jobsEnabled: e.JOBS_ENABLED,
    healthIntervalMs: e.HEALTH_INTERVAL_SECONDS * 1000,
    health: {
      lateIntervals: e.HEALTH_LATE_INTERVALS,
      offlineAfterMs: e.HEALTH_OFFLINE_SECONDS * 1000,
      recoverAfterMs: e.HEALTH_RECOVER_SECONDS * 1000,
      gpuTempC: e.HEALTH_GPU_TEMP_C,
      gpuTempClearC: Math.min(e.HEALTH_GPU_TEMP_CLEAR_C, e.HEALTH_GPU_TEMP_C),
      errorRatePct: e.HEALTH_ERROR_RATE_PCT,
      errorRateClearPct: Math.min(e.HEALTH_ERROR_RATE_CLEAR_PCT, e.HEALTH_ERROR_RATE_PCT),
      xidHoldMs: e.HEALTH_XID_HOLD_SECONDS * 1000,
    },
    rollup: {
      intervalMs: e.ROLLUP_INTERVAL_SECONDS * 1000,
      graceMs: e.ROLLUP_GRACE_SECONDS * 1000,
      retentionIntervalMs: e.RETENTION_INTERVAL_SECONDS * 1000,
    },
    retention: {
      rawMs: e.TELEMETRY_RAW_RETENTION_HOURS * hour,
      fiveMinuteMs: e.TELEMETRY_5M_RETENTION_DAYS * day,
      hourMs: e.TELEMETRY_1H_RETENTION_DAYS * day,
    },
    ingest: {
      groupCommitMs: e.TELEMETRY_GROUP_COMMIT_MS,
      maxQueuedSamples: e.TELEMETRY_MAX_QUEUED_SAMPLES,
    },
  };
}
