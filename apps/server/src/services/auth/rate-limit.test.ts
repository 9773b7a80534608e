import { describe, expect, it } from "vitest";
import { HourlyLimiter } from "./rate-limit.ts";

describe("HourlyLimiter", () => {
  it("allows the limit per key per window, then again in the next window", () => {
    const limiter = new HourlyLimiter(2, 1000);
    expect([limiter.hit("a", 0), limiter.hit("a", 1), limiter.hit("a", 2)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(limiter.hit("b", 3)).toBe(true);
    expect(limiter.hit("a", 1000)).toBe(true);
  });

  it("stays bounded under a flood of keys", () => {
    const limiter = new HourlyLimiter(1, 1000, 10);
    for (let i = 0; i < 100; i++) expect(limiter.hit(`ip${i}`, 0)).toBe(true);
  });
});
