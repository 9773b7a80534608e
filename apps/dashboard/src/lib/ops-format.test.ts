import { getNiceTickValues } from "recharts";
import { describe, expect, it } from "vitest";
import {
  axisTickFormatter,
  chartRows,
  formatDuration,
  formatMetric,
  formatShown,
  formatUptime,
  metricHow,
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
    expect(formatMetric("heartbeat_lag", 8.4, "en")).toBe("8 ms");
    expect(formatMetric("heartbeat_lag", 1_250, "en")).toBe("1.3 s");
    expect(formatMetric("heartbeat_lag", 2 * 3_600_000, "en")).toBe("2 h");
    expect(formatMetric("queue_depth", null, "en")).toBe("—");
  });

  it("keeps two significant digits below 1, so a small value is not shown as zero", () => {
    expect(formatShown("queue_depth", 0.25, "en")).toBe("0.25 requests");
    expect(formatShown("gpu_utilization", 0.4, "en")).toBe("0.4 %");
    expect(formatShown("tokens_per_second", 0.048, "en")).toBe("0.048 tokens/s");
    expect(formatShown("heartbeat_lag", 0.0004, "en")).toBe("0 ms");
    expect(formatShown("queue_depth", 0, "en")).toBe("0 requests");
  });

  it("gives axis ticks as many decimals as their spacing needs, never duplicates", () => {
    const ticks = (values: (number | null)[], at: number[]) =>
      at.map(axisTickFormatter(values, "en"));
    // Recharts' ticks 0, 0.03, ..., 0.12 (heartbeat lag, then in s) once read "0.1, 0.1, 0.1, 0, 0".
    expect(ticks([0.02, null, 0.118], [0, 0.03, 0.06, 0.09, 0.12])).toEqual([
      "0",
      "0.03",
      "0.06",
      "0.09",
      "0.12",
    ]);
    expect(ticks([0.01, 0.1], [0, 0.025, 0.05, 0.075, 0.1])).toEqual([
      "0",
      "0.025",
      "0.05",
      "0.075",
      "0.1",
    ]);
    expect(ticks([240, 300], [0, 75, 150, 225, 300])).toEqual(["0", "75", "150", "225", "300"]);
    expect(ticks([600, 1_580], [0, 400, 800, 1_200, 1_600])).toEqual([
      "0",
      "400",
      "800",
      "1.2K",
      "1.6K",
    ]);
    expect(ticks([2_000_000, 4_900_000], [0, 1_500_000, 3_000_000, 4_500_000, 6_000_000])).toEqual([
      "0",
      "1.5M",
      "3M",
      "4.5M",
      "6M",
    ]);
    expect(ticks([null, 0], [0, 1, 2])).toEqual(["0", "1", "2"]);
  });

  it("labels every tick Recharts draws on [0, max] differently, from 0.001 to millions", () => {
    for (let exp = -3; exp <= 6; exp++) {
      for (const mantissa of [1, 1.05, 1.2, 1.5, 2.3, 3.7, 4.1, 6.6, 8.9, 9.7]) {
        const max = mantissa * 10 ** exp;
        const labels = getNiceTickValues([0, max], 5, true).map(axisTickFormatter([0, max], "en"));
        expect(new Set(labels).size, `max ${max}: ${labels.join(", ")}`).toBe(labels.length);
      }
    }
  });

  it("says per node, then across nodes, for a site or the fleet", () => {
    expect(metricHow("power", "node")).toBe("sum over the node's GPUs");
    expect(metricHow("power", "fleet")).toBe("each node's GPU total, across the fleet");
    expect(metricHow("gpu_temperature", "site")).toBe("each node's hottest GPU, across the site");
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
