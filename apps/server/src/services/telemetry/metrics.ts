import type { GpuSample, TelemetryMetric, TelemetrySample } from "@edgeplane/contracts";
import type { GpuNow } from "@edgeplane/db/schema";

/** The column (camelCase in Drizzle, snake_case in SQL) behind each chart metric. */
export const metricColumns = {
  gpu_utilization: { key: "gpuUtil", column: "gpu_util" },
  gpu_memory_used: { key: "gpuMemUsed", column: "gpu_mem_used" },
  gpu_temperature: { key: "gpuTemp", column: "gpu_temp" },
  power: { key: "power", column: "power" },
  tokens_per_second: { key: "tokensPerSecond", column: "tokens_per_second" },
  queue_depth: { key: "queueDepth", column: "queue_depth" },
  heartbeat_lag: { key: "heartbeatLag", column: "heartbeat_lag" },
} as const satisfies Record<TelemetryMetric, { key: string; column: string }>;

export type MetricKey = (typeof metricColumns)[TelemetryMetric]["key"];
export type MetricValues = Record<MetricKey, number | null>;

const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);

function fold(
  gpus: GpuSample[],
  pick: (g: GpuSample) => number | null,
  how: "mean" | "sum" | "max",
) {
  const v = present(gpus.map(pick));
  if (v.length === 0) return null;
  if (how === "max") return Math.max(...v);
  const sum = v.reduce((a, b) => a + b, 0);
  return how === "sum" ? sum : sum / v.length;
}

/** One sample's chart values: GPU readings folded across the node's GPUs. */
export function deriveMetrics(sample: TelemetrySample, receivedAt: number): MetricValues {
  return {
    gpuUtil: fold(sample.gpus, (g) => g.utilizationPct, "mean"),
    gpuMemUsed: fold(sample.gpus, (g) => g.memoryUsedMiB, "sum"),
    gpuTemp: fold(sample.gpus, (g) => g.temperatureC, "max"),
    power: fold(sample.gpus, (g) => g.powerW, "sum"),
    tokensPerSecond: sample.inference?.tokensPerSecond ?? null,
    queueDepth: sample.inference?.requestsWaiting ?? null,
    heartbeatLag: Math.max(0, receivedAt - Date.parse(sample.at)),
  };
}

export interface HealthInputs {
  hottestGpu: number | null;
  eccUncorrected: number | null;
  eccGpu: number | null;
  xids: Record<string, number>;
  upstreamHealthy: boolean | null;
  errorRatePct: number | null;
  models: string[];
  gpus: GpuNow[];
}

/** What the health rules and the node page need from the newest sample, without its JSON. */
export function healthInputs(sample: TelemetrySample): HealthInputs {
  let hottest: GpuSample | undefined;
  let ecc: number | null = null;
  let eccGpu: number | null = null;
  const xids: Record<string, number> = {};
  for (const g of sample.gpus) {
    if (g.temperatureC !== null && (hottest?.temperatureC ?? -Infinity) < g.temperatureC) {
      hottest = g;
    }
    if (g.eccUncorrected !== null) {
      ecc = (ecc ?? 0) + g.eccUncorrected;
      if (g.eccUncorrected > 0 && eccGpu === null) eccGpu = g.index;
    }
    if (g.lastXid !== null && g.lastXid > 0) xids[String(g.index)] = g.lastXid;
  }
  return {
    hottestGpu: hottest?.index ?? null,
    eccUncorrected: ecc,
    eccGpu,
    xids,
    upstreamHealthy: sample.inference?.upstreamHealthy ?? null,
    errorRatePct: sample.inference?.errorRatePct ?? null,
    models: sample.inference?.models ?? [],
    gpus: sample.gpus.map((g) => ({
      index: g.index,
      name: g.name,
      utilizationPct: g.utilizationPct,
      memoryUsedMiB: g.memoryUsedMiB,
      memoryTotalMiB: g.memoryTotalMiB,
      temperatureC: g.temperatureC,
      powerW: g.powerW,
      eccUncorrected: g.eccUncorrected,
      lastXid: g.lastXid,
    })),
  };
}
