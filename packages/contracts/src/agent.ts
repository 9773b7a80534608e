import { z } from "zod";

/**
 * The agent's telemetry wire format (POST /api/agent/v1/telemetry). Every field a GPU host
 * may not report is nullable: `[N/A]` and `[Not Supported]` in nvidia-smi become null.
 */
const pct = z.number().min(0).max(100).nullable();
const nonNeg = z.number().min(0).nullable();

export const gpuSampleSchema = z.object({
  index: z.number().int().min(0).max(255),
  uuid: z.string().max(80).nullable(),
  name: z.string().max(120).nullable(),
  utilizationPct: pct,
  memoryUtilizationPct: pct,
  memoryUsedMiB: nonNeg,
  memoryTotalMiB: nonNeg,
  temperatureC: z.number().min(-50).max(200).nullable(),
  memoryTemperatureC: z.number().min(-50).max(200).nullable(),
  powerW: nonNeg,
  powerLimitW: nonNeg,
  smClockMHz: nonNeg,
  eccCorrected: z.number().int().min(0).nullable(),
  eccUncorrected: z.number().int().min(0).nullable(),
  retiredPagesPending: z.boolean().nullable(),
  /** The most recent XID error code seen on this GPU (DCGM reports the last one only). */
  lastXid: z.number().int().min(0).nullable(),
  throttleReasons: z.string().max(40).nullable(),
});
export type GpuSample = z.infer<typeof gpuSampleSchema>;

export const hostSampleSchema = z.object({
  cpuPct: pct,
  loadAvg1: nonNeg,
  memoryUsedBytes: nonNeg,
  memoryTotalBytes: nonNeg,
  diskUsedBytes: nonNeg,
  diskTotalBytes: nonNeg,
});
export type HostSample = z.infer<typeof hostSampleSchema>;

export const inferenceSampleSchema = z.object({
  /** Whether the upstream inference server answered its health check this interval. */
  upstreamHealthy: z.boolean(),
  requestsRunning: nonNeg,
  requestsWaiting: nonNeg,
  kvCacheUsagePct: pct,
  promptTokensTotal: nonNeg,
  generationTokensTotal: nonNeg,
  /** Rate of generation_tokens_total over the interval. */
  tokensPerSecond: nonNeg,
  /** Share of requests that failed over the interval. */
  errorRatePct: pct,
  models: z.array(z.string().min(1).max(200)).max(100),
});
export type InferenceSample = z.infer<typeof inferenceSampleSchema>;

export const telemetrySampleSchema = z.object({
  /** Monotonically increasing per node; the server stores each (node, seq) once. */
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  at: z.iso.datetime({ offset: true }),
  gpus: z.array(gpuSampleSchema).max(64),
  /** True when the host has no NVIDIA GPU or nvidia-smi is absent: stated, not a failure. */
  noGpu: z.boolean().default(false),
  host: hostSampleSchema,
  inference: inferenceSampleSchema.nullable(),
});
export type TelemetrySample = z.infer<typeof telemetrySampleSchema>;

export const telemetryBatchSchema = z.object({
  agent: z.object({
    version: z.string().min(1).max(40),
    hostname: z.string().min(1).max(255),
    /** Set by `edgeplane-agent simulate`: such data is labelled as simulated everywhere. */
    simulated: z.boolean().default(false),
    intervalSeconds: z.number().int().min(1).max(3600),
  }),
  samples: z.array(telemetrySampleSchema).min(1).max(500),
});
export type TelemetryBatch = z.infer<typeof telemetryBatchSchema>;

export const telemetryAckSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  /** The highest seq the server holds for this node. */
  lastSeq: z.number().int().nullable(),
});
export type TelemetryAck = z.infer<typeof telemetryAckSchema>;
