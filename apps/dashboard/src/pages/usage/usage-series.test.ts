import { describe, expect, it } from "vitest";
import type { UsageRow } from "../../api/usage.ts";
import { dailySeries, errorRate, formatDay, formatUsd } from "./usage-series.ts";

function row(day: string, over: Partial<UsageRow> = {}): UsageRow {
  return {
    day,
    customerId: "cus_1",
    customerName: "Acme",
    keyId: "ck_1",
    keyStart: "epk_ab",
    keyName: null,
    modelId: "mdl_1",
    model: "llama",
    requests: 10,
    errors: 1,
    incomplete: 0,
    inputTokens: 100,
    outputTokens: 50,
    totalTokens: 150,
    costUsd: 0.001,
    ...over,
  };
}

describe("dailySeries", () => {
  it("sums the rows of each day and fills quiet days with zeros, oldest first", () => {
    const points = dailySeries(
      [
        row("2026-11-03"),
        row("2026-11-01", { model: "qwen", requests: 5, errors: 0, inputTokens: 7 }),
        row("2026-11-01"),
      ],
      "2026-10-31",
      "2026-11-03",
    );
    expect(points.map((p) => p.day)).toEqual([
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
    ]);
    expect(points[0]).toMatchObject({ requests: 0, errors: 0, inputTokens: 0, outputTokens: 0 });
    expect(points[1]).toMatchObject({
      requests: 15,
      errors: 1,
      inputTokens: 107,
      outputTokens: 100,
    });
    expect(points[2]?.requests).toBe(0);
  });

  it("crosses month ends and ignores rows outside the range", () => {
    const points = dailySeries([row("2026-03-05")], "2026-02-27", "2026-03-02");
    expect(points.map((p) => p.day)).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
    expect(points.every((p) => p.requests === 0)).toBe(true);
  });
});

describe("usage formats", () => {
  it("shows sub-cent costs without rounding them to zero", () => {
    expect(formatUsd(0, "en-US")).toBe("$0.00");
    expect(formatUsd(0.00008, "en-US")).toBe("$0.00008");
    expect(formatUsd(0.0123, "en-US")).toBe("$0.0123");
    expect(formatUsd(0.5, "en-US")).toBe("$0.5000");
    expect(formatUsd(0.122, "en-US")).toBe("$0.1220");
    expect(formatUsd(1234.567, "en-US")).toBe("$1,234.57");
  });

  it("gives the error rate, or a dash with no requests", () => {
    expect(errorRate(1, 40, "en-US")).toBe("2.5%");
    expect(errorRate(0, 0, "en-US")).toBe("—");
  });

  it("names the UTC day, whatever the viewer's zone", () => {
    expect(formatDay("2026-11-25", true, "en-GB")).toBe("25 Nov 2026");
    expect(formatDay("2026-11-25", false, "en-GB")).toBe("Wed 25 Nov");
    expect(formatDay("undefined", true, "en-GB")).toBe("undefined");
  });
});
