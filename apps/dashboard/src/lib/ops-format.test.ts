import { describe, expect, it } from "vitest";
import {
  chartRows,
  formatDuration,
  formatMetric,
  formatUptime,
  timeTick,
  uptimeColor,
} from "./ops-format.ts";

describe("telemetry values", () => {
  it("shows each metric in the unit operators read it in", () => {
    expect(formatMetric("gpu_utilization", 71.4, "en")).toBe("71 %");
    expect(formatMetric("gpu_memory_used", 38_092.8, "en")).toBe("37.2 GiB");
    expect(formatMetric("gpu_temperature", 86.6, "en")).toBe("87 °C");
    expect(formatMetric("power", 5_412, "en")).toBe("5,412 W");
    expect(formatMetric("tokens_per_second", 1_830.2, "en")).toBe("1,830 tokens/s");
    expect(formatMetric("heartbeat_lag", 1_250, "en")).toBe("1.3 s");
    expect(formatMetric("queue_depth", null, "en")).toBe("—");
  });

  it("keeps an empty bucket a gap, not a zero, and scales the rest", () => {
    const rows = chartRows("gpu_memory_used", [
      { t: "2026-11-25T10:00:00Z", min: 1024, avg: 2048, max: 4096, samples: 6 },
      { t: "2026-11-25T10:01:00Z", min: null, avg: null, max: null, samples: 0 },
    ]);
    expect(rows).toEqual([
      { t: "2026-11-25T10:00:00Z", min: 1, avg: 2, max: 4 },
      { t: "2026-11-25T10:01:00Z", min: null, avg: null, max: null },
    ]);
  });

  it("labels short ranges with the clock and long ones with the date", () => {
    const t = "2026-11-25T14:05:00";
    expect(timeTick(t, "1h", "en-GB")).toBe("14:05");
    expect(timeTick(t, "30d", "en-GB")).toBe("25 Nov");
  });
});

describe("incident durations", () => {
  it("reads like an on-call note", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(12 * 60_000 + 30_000)).toBe("12 min");
    expect(formatDuration(3 * 3_600_000)).toBe("3 h");
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe("3 h 5 min");
    expect(formatDuration(52 * 3_600_000)).toBe("2 d 4 h");
    expect(formatDuration(-5)).toBe("0 s");
  });
});

describe("uptime", () => {
  it("never rounds a day with downtime up to 100 %", () => {
    expect(formatUptime(1, "en")).toBe("100 %");
    expect(formatUptime(0.99999, "en")).toBe("99.99 %");
    expect(formatUptime(0.5, "en")).toBe("50 %");
    expect(formatUptime(null, "en")).toBe("No data");
  });

  it("colours bars by downtime, grey where nothing was observed", () => {
    expect([1, 0.995, 0.97, 0.9, 0.5, null].map(uptimeColor)).toEqual([
      "green",
      "lime",
      "yellow",
      "orange",
      "red",
      "gray",
    ]);
  });
});
