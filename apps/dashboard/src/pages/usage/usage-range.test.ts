import { describe, expect, it } from "vitest";
import { isValidRange, presetRange, resolveUsageParams, type UsageParams } from "./usage-range.ts";

const now = Date.parse("2026-11-25T23:30:00Z");
const none: UsageParams = {
  range: null,
  from: null,
  to: null,
  customer: null,
  key: null,
  model: null,
};
const customer = "cus_2a9Fq7oLkQ3mZ8vXyW4bTc";
const key = "ck_2a9Fq7oLkQ3mZ8vXyW4bTc";

describe("usage range", () => {
  it("defaults to the last 30 UTC days, today included", () => {
    const r = resolveUsageParams(none, now);
    expect(r.filters).toEqual({
      from: "2026-10-27",
      to: "2026-11-25",
      customerId: null,
      keyId: null,
      model: null,
    });
    expect(r.preset).toBe("30d");
    expect(r.narrowed).toBe(false);
  });

  it("counts presets in UTC days whatever the hour", () => {
    expect(presetRange("7d", Date.parse("2026-03-01T00:10:00Z"))).toEqual({
      from: "2026-02-23",
      to: "2026-03-01",
    });
    expect(presetRange("90d", now).from).toBe("2026-08-28");
  });

  it("lets a valid custom range win over the preset", () => {
    const r = resolveUsageParams(
      { ...none, range: "7d", from: "2026-01-01", to: "2026-01-31" },
      now,
    );
    expect(r.filters).toMatchObject({ from: "2026-01-01", to: "2026-01-31" });
    expect(r.preset).toBeNull();
  });

  it("falls back to the preset for a range the server would refuse", () => {
    expect(isValidRange("2026-02-30", "2026-03-02")).toBe(false);
    expect(isValidRange("2026-03-02", "2026-03-01")).toBe(false);
    expect(isValidRange("2025-01-01", "2026-01-01")).toBe(true);
    expect(isValidRange("2025-01-01", "2026-01-02")).toBe(false);
    const r = resolveUsageParams({ ...none, range: "90d", from: "2026-12-01", to: "x" }, now);
    expect(r.preset).toBe("90d");
    expect(r.filters.to).toBe("2026-11-25");
    expect(resolveUsageParams({ ...none, range: "1y" }, now).preset).toBe("30d");
  });

  it("keeps well-formed ids and models, drops anything else", () => {
    const ok = resolveUsageParams({ ...none, customer, key, model: "llama-3.1-8b" }, now);
    expect(ok.filters).toMatchObject({ customerId: customer, keyId: key, model: "llama-3.1-8b" });
    expect(ok.narrowed).toBe(true);
    const bad = resolveUsageParams({ ...none, customer: key, key: "ck_'", model: "a b" }, now);
    expect(bad.filters).toMatchObject({ customerId: null, keyId: null, model: null });
    expect(bad.narrowed).toBe(false);
  });
});
