import { hostSampleSchema } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import { cpuPercent, HostCollector, parseMeminfo } from "./host.ts";

describe("host metrics", () => {
  it("reads MemTotal and MemAvailable from /proc/meminfo", () => {
    const meminfo =
      "MemTotal:       2113407408 kB\nMemFree:        1611133312 kB\nMemAvailable:   1846302244 kB\nBuffers:          912340 kB\n";
    expect(parseMeminfo(meminfo)).toEqual({
      totalBytes: 2113407408 * 1024,
      availableBytes: 1846302244 * 1024,
    });
    expect(parseMeminfo("garbage")).toBeNull();
  });

  it("computes CPU use over the interval", () => {
    expect(cpuPercent({ idle: 100, total: 200 }, { idle: 175, total: 300 })).toBe(25);
    expect(cpuPercent({ idle: 1, total: 2 }, { idle: 1, total: 2 })).toBeNull();
  });

  it("reports this machine in the wire format", async () => {
    const sample = await new HostCollector({ diskPath: "/" }).collect();
    expect(hostSampleSchema.parse(sample)).toEqual(sample);
    expect(sample.memoryTotalBytes).toBeGreaterThan(0);
    expect(sample.diskTotalBytes).toBeGreaterThan(0);
  });
});
