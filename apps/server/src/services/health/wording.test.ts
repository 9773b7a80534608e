import { describe, expect, it } from "vitest";
import { clockTime, duration } from "./wording.ts";

const now = Date.parse("2026-11-25T16:30:00Z");

describe("clockTime", () => {
  it("says the time of day, to the second, for today", () => {
    expect(clockTime(Date.parse("2026-11-25T16:02:11.123Z"), now)).toBe("16:02:11 UTC");
    expect(clockTime(Date.parse("2026-11-25T00:00:05Z"), now)).toBe("00:00:05 UTC");
  });

  it("adds the day for another day, and the year for another year", () => {
    expect(clockTime(Date.parse("2026-11-24T23:59:59Z"), now)).toBe("24 Nov 23:59 UTC");
    expect(clockTime(Date.parse("2025-12-31T08:07:00Z"), now)).toBe("31 Dec 2025 08:07 UTC");
  });
});

describe("duration", () => {
  const cases: [number, string][] = [
    [0, "0 s"],
    [999, "0 s"],
    [45_000, "45 s"],
    [120_000, "2 min"],
    [130_500, "2 min 10 s"],
    [3_600_000, "1 h"],
    [3_900_000, "1 h 5 min"],
    [3_905_000, "1 h 5 min"],
    [90_061_000, "1 d 1 h"],
  ];
  for (const [ms, text] of cases) {
    it(`${ms} ms reads "${text}"`, () => expect(duration(ms)).toBe(text));
  }
});
