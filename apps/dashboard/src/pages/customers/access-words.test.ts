import { slaTargets } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import {
  availabilityText,
  budgetUse,
  formatMinutes,
  monthStartDay,
  rateLimitText,
  regionsText,
  residencyText,
  responseTargets,
  slaSummary,
  slaTierOptions,
} from "./access-words.ts";

describe("SLA wording", () => {
  it("says each tier's availability, first response and coverage", () => {
    expect(slaSummary(slaTargets.standard, "en")).toBe(
      "Standard: 99.5 % availability, critical response in 1 h, Business hours, critical 24×7",
    );
    expect(slaSummary(slaTargets.priority, "en")).toBe(
      "Priority: 99.9 % availability, critical response in 30 min, 24×7",
    );
    expect(availabilityText(slaTargets.dedicated, "en")).toBe("99.95 % availability");
    expect(slaTierOptions.map((o) => o.label)).toEqual(["Standard", "Priority", "Dedicated"]);
  });

  it("lists response times by severity, in minutes or hours", () => {
    expect(responseTargets(slaTargets.priority)).toEqual([
      { severity: "Critical", time: "30 min" },
      { severity: "Impaired", time: "2 h" },
      { severity: "Minor", time: "8 h" },
      { severity: "Question", time: "12 h" },
    ]);
    expect(formatMinutes(90)).toBe("90 min");
    expect(formatMinutes(1440)).toBe("24 h");
  });
});

describe("placement and limits wording", () => {
  it("names regions, or says all of them", () => {
    expect(regionsText(["africa", "eu"])).toBe("Africa, EU / EEA");
    expect(
      regionsText([
        "eu",
        "europe",
        "north-america",
        "latin-america",
        "africa",
        "middle-east",
        "asia-pacific",
        "other",
      ]),
    ).toBe("All regions");
  });

  it("names residency countries, or says there is no constraint", () => {
    expect(residencyText(["KE", "DE"], "en")).toBe("Kenya (KE), Germany (DE)");
    expect(residencyText(null)).toBe("None: any country may serve");
  });

  it("says limits with their unit, and when there is none", () => {
    expect(rateLimitText(1200, "requests", "en")).toBe("1,200 requests/min");
    expect(rateLimitText(null, "tokens", "en")).toBe("No tokens/min limit");
  });

  it("shows budget use in words and a capped bar that turns red when spent", () => {
    expect(budgetUse(12_345, 1_000_000, "en")).toEqual({
      text: "12,345 of 1,000,000 tokens",
      share: "1 % used",
      pct: 1.2345,
      color: "teal",
    });
    expect(budgetUse(850, 1000, "en").color).toBe("orange");
    expect(budgetUse(1500, 1000, "en")).toMatchObject({
      share: "150 % used",
      pct: 100,
      color: "red",
    });
  });

  it("counts a budget from the first day of the UTC month", () => {
    expect(monthStartDay(Date.parse("2026-11-30T23:30:00-05:00"))).toBe("2026-12-01");
  });
});
