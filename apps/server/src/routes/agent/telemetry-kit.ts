import type {
  GpuSample,
  InferenceSample,
  TelemetryBatch,
  TelemetrySample,
} from "@edgeplane/contracts";
import { expect } from "vitest";
import type { Harness } from "../../testing/harness.ts";
import { makeKey, makeNode, makeSite, newTenant, type Tenant } from "../api/sites/fixtures.ts";

/** Test factories for telemetry: a keyed node, valid samples, and the post itself. */

export interface KeyedNode {
  t: Tenant;
  siteId: string;
  nodeId: string;
  keyId: string;
  secret: string;
}

export async function keyedNode(
  h: Harness,
  opts: { t?: Tenant; siteId?: string; node?: Record<string, unknown> } = {},
): Promise<KeyedNode> {
  const t = opts.t ?? (await newTenant(h));
  const siteId = opts.siteId ?? (await makeSite(h, t)).id;
  const node = await makeNode(h, t, siteId, opts.node);
  const { key, secret } = await makeKey(h, t, node.id);
  return { t, siteId, nodeId: node.id, keyId: key.id, secret };
}

export function gpu(index: number, over: Partial<GpuSample> = {}): GpuSample {
  return {
    index,
    uuid: `GPU-${index}-0000`,
    name: "NVIDIA L40S",
    utilizationPct: 50,
    memoryUtilizationPct: 40,
    memoryUsedMiB: 20_000,
    memoryTotalMiB: 46_068,
    temperatureC: 60,
    memoryTemperatureC: 55,
    powerW: 250,
    powerLimitW: 350,
    smClockMHz: 2100,
    eccCorrected: 0,
    eccUncorrected: 0,
    retiredPagesPending: false,
    lastXid: null,
    throttleReasons: null,
    ...over,
  };
}

export function inference(over: Partial<InferenceSample> = {}): InferenceSample {
  return {
    upstreamHealthy: true,
    requestsRunning: 3,
    requestsWaiting: 1,
    kvCacheUsagePct: 30,
    promptTokensTotal: 1000,
    generationTokensTotal: 5000,
    tokensPerSecond: 120,
    errorRatePct: 0,
    models: ["llama-3.1-8b-instruct"],
    ...over,
  };
}

export function sample(
  seq: number,
  at: number | string = Date.now(),
  over: Partial<TelemetrySample> = {},
): TelemetrySample {
  return {
    seq,
    at: typeof at === "string" ? at : new Date(at).toISOString(),
    gpus: [gpu(0), gpu(1)],
    noGpu: false,
    host: {
      cpuPct: 20,
      loadAvg1: 1.5,
      memoryUsedBytes: 8e9,
      memoryTotalBytes: 64e9,
      diskUsedBytes: 1e11,
      diskTotalBytes: 1e12,
    },
    inference: inference(),
    ...over,
  };
}

export function batch(samples: TelemetrySample[], intervalSeconds = 10): TelemetryBatch {
  return {
    agent: { version: "0.1.0", hostname: "gpu-host-01", simulated: false, intervalSeconds },
    samples,
  };
}

export function postTelemetry(h: Harness, secret: string, body: unknown) {
  return h.request("/api/agent/v1/telemetry", {
    method: "POST",
    headers: { authorization: `Bearer ${secret}` },
    body,
  });
}

/** Posts and expects a 200 ack. */
export async function send(h: Harness, node: KeyedNode, samples: TelemetrySample[], interval = 10) {
  const res = await postTelemetry(h, node.secret, batch(samples, interval));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { accepted: number; duplicates: number; lastSeq: number | null };
}
