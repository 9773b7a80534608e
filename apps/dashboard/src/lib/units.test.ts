import { describe, expect, it } from "vitest";
import { formatEnergyPrice, formatKw, formatMs, formatW } from "./units.ts";

describe("units", () => {
  it("shows power in kW and W with grouping", () => {
    expect(formatKw(40, "en")).toBe("40 kW");
    expect(formatKw(1.96, "en")).toBe("1.96 kW");
    expect(formatKw(1234.56, "en")).toBe("1,234.6 kW");
    expect(formatKw(-2.5, "en")).toBe("-2.5 kW");
    expect(formatW(1960, "en")).toBe("1,960 W");
  });

  it("shows latency in ms, and a dash when unknown", () => {
    expect(formatMs(18, "en")).toBe("18 ms");
    expect(formatMs(null, "en")).toBe("—");
  });

  it("shows an energy price per kWh with its currency", () => {
    expect(formatEnergyPrice(0.1234, "EUR", "en")).toBe("0.1234 EUR/kWh");
    expect(formatEnergyPrice(null, null, "en")).toBe("—");
  });
});
