import { describe, expect, it } from "vitest";
import { formatResponseTime, slaRows, supportRows } from "./sla-words.ts";

describe("SLA and support words", () => {
  it("writes response times as support teams do", () => {
    expect(formatResponseTime(15)).toBe("15 min");
    expect(formatResponseTime(60)).toBe("1 h");
    expect(formatResponseTime(720)).toBe("12 h");
    expect(formatResponseTime(1440)).toBe("1 day");
    expect(formatResponseTime(90)).toBe("1 h 30 min");
  });

  it("lists the contracts' SLA tiers, the one served first on a saturated node first", () => {
    expect(slaRows()).toEqual([
      expect.objectContaining({
        label: "Dedicated",
        availability: "99.95%",
        critical: "15 min",
        question: "8 h",
        queue: "first",
      }),
      expect.objectContaining({ label: "Priority", availability: "99.9%", queue: "second" }),
      expect.objectContaining({
        label: "Standard",
        availability: "99.5%",
        critical: "1 h",
        impaired: "4 h",
        minor: "12 h",
        question: "1 day",
        coverage: "Business hours, critical 24×7",
        queue: "last",
      }),
    ]);
  });

  it("splits each support tier into its name and who responds", () => {
    expect(supportRows()).toEqual([
      { tier: "basic", name: "Basic", responds: "e-mail, L1 triage" },
      { tier: "business", name: "Business", responds: "e-mail and chat, L2 escalation" },
      { tier: "enterprise", name: "Enterprise", responds: "named engineer, L3 escalation" },
    ]);
  });
});
