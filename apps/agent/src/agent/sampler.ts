import { type HostSample, type InferenceSample, telemetrySampleSchema } from "@edgeplane/contracts";
import type { UnsequencedSample } from "../buffer/types.ts";
import type { GpuCollector, GpuReading } from "../collectors/gpu.ts";
import type { HostCollector } from "../collectors/host.ts";
import type { InferenceCollector } from "../collectors/inference.ts";
import type { Logger } from "../log.ts";
import type { Sampler } from "./agent.ts";

export interface HostSamplerOptions {
  gpu: Pick<GpuCollector, "collect">;
  host: Pick<HostCollector, "collect">;
  inference: Pick<InferenceCollector, "collect"> | null;
  log: Logger;
}

const emptyHost: HostSample = {
  cpuPct: null,
  loadAvg1: null,
  memoryUsedBytes: null,
  memoryTotalBytes: null,
  diskUsedBytes: null,
  diskTotalBytes: null,
};

const unreachableUpstream: InferenceSample = {
  upstreamHealthy: false,
  requestsRunning: null,
  requestsWaiting: null,
  kvCacheUsagePct: null,
  promptTokensTotal: null,
  generationTokensTotal: null,
  tokensPerSecond: null,
  errorRatePct: null,
  models: [],
};

/** Sets each field the wire schema refuses to null (the schema allows null for every reading). */
export function conformSample(sample: UnsequencedSample, log: Logger): UnsequencedSample {
  const check = telemetrySampleSchema.safeParse({ ...sample, seq: 0 });
  if (check.success) return sample;
  const copy = structuredClone(sample) as unknown as Record<string, unknown>;
  for (const issue of check.error.issues) {
    let node: unknown = copy;
    for (const key of issue.path.slice(0, -1))
      node = (node as Record<PropertyKey, unknown>)?.[key as PropertyKey];
    const leaf = issue.path[issue.path.length - 1];
    if (node && typeof node === "object" && leaf !== undefined)
      (node as Record<PropertyKey, unknown>)[leaf] = null;
  }
  log.error("a reading did not fit the telemetry schema; sent as null", {
    issues: check.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
  });
  const fixed = copy as unknown as UnsequencedSample;
  return telemetrySampleSchema.safeParse({ ...fixed, seq: 0 }).success
    ? fixed
    : {
        ...fixed,
        gpus: [],
        host: emptyHost,
        inference: fixed.inference ? unreachableUpstream : null,
      };
}

/** Reads every collector; one failing collector never costs the whole sample. */
export function createHostSampler(options: HostSamplerOptions): Sampler {
  const { gpu, host, inference, log } = options;
  return {
    async sample() {
      const at = new Date().toISOString();
      const [gpus, hostSample, inferenceSample] = await Promise.all([
        gpu.collect().catch((err): GpuReading => {
          log.error("GPU collector failed", { error: String(err) });
          return { gpus: [], noGpu: false };
        }),
        host.collect().catch((err) => {
          log.error("host collector failed", { error: String(err) });
          return emptyHost;
        }),
        inference
          ? inference.collect().catch((err) => {
              log.error("inference collector failed", { error: String(err) });
              return unreachableUpstream;
            })
          : Promise.resolve(null),
      ]);
      return conformSample(
        { at, gpus: gpus.gpus, noGpu: gpus.noGpu, host: hostSample, inference: inferenceSample },
        log,
      );
    },
  };
}
