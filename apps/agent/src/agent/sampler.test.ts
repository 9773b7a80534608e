import { telemetrySampleSchema } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "../log.ts";
import { conformSample, createHostSampler } from "./sampler.ts";

const host = {
  cpuPct: 12.5,
  loadAvg1: 3.1,
  memoryUsedBytes: 10,
  memoryTotalBytes: 20,
  diskUsedBytes: 1,
  diskTotalBytes: 2,
};

describe("host sampler", () => {
  it("reports a host without GPUs plainly", async () => {
    const { log } = createMemoryLogger();
    const sampler = createHostSampler({
      gpu: { collect: async () => ({ gpus: [], noGpu: true }) },
      host: { collect: async () => host },
      inference: null,
      log,
    });
    const s = await sampler.sample();
    expect(telemetrySampleSchema.parse({ ...s, seq: 1 })).toMatchObject({
      noGpu: true,
      gpus: [],
      host,
      inference: null,
    });
  });

  it("keeps the sample when one collector throws", async () => {
    const { log, lines } = createMemoryLogger();
    const sampler = createHostSampler({
      gpu: { collect: async () => Promise.reject(new Error("nvidia-smi exploded")) },
      host: { collect: async () => host },
      inference: { collect: async () => Promise.reject(new Error("socket hang up")) },
      log,
    });
    const s = await sampler.sample();
    expect(s).toMatchObject({
      gpus: [],
      noGpu: false,
      host,
      inference: { upstreamHealthy: false, models: [] },
    });
    expect(lines.map((l) => l.msg)).toEqual(["GPU collector failed", "inference collector failed"]);
  });

  it("sends a reading the wire format refuses as null, and says so", () => {
    const { log, lines } = createMemoryLogger();
    const fixed = conformSample(
      {
        at: new Date().toISOString(),
        gpus: [],
        noGpu: true,
        host: { ...host, cpuPct: 180, loadAvg1: -1 },
        inference: null,
      },
      log,
    );
    expect(fixed.host).toEqual({ ...host, cpuPct: null, loadAvg1: null });
    expect(lines[0]).toMatchObject({
      level: "error",
      msg: "a reading did not fit the telemetry schema; sent as null",
    });
  });
});
