import { describe, expect, it } from "vitest";
import { RateLimiter } from "./limits.ts";

describe("RateLimiter", () => {
  it("refills requests/min continuously and says how long to wait", () => {
    let now = 0;
    const limiter = new RateLimiter({ now: () => now });
    const limits = { rpm: 3, tpm: null };
    for (let i = 0; i < 3; i++) expect(limiter.admit("k", limits, 0).ok).toBe(true);
    expect(limiter.admit("k", limits, 0)).toEqual({
      ok: false,
      limit: "requests",
      retryAfterSeconds: 20,
    });
    now += 20_000;
    expect(limiter.admit("k", limits, 0).ok).toBe(true);
    expect(limiter.admit("other", limits, 0).ok).toBe(true);
  });

  it("admits while the token bucket is positive and settles on the real count", () => {
    let now = 0;
    const limiter = new RateLimiter({ now: () => now });
    const limits = { rpm: null, tpm: 600 };
    expect(limiter.admit("k", limits, 100).ok).toBe(true);
    limiter.settle("k", 100, 900);
    const refused = limiter.admit("k", limits, 10);
    expect(refused).toMatchObject({ ok: false, limit: "tokens" });
    // 300 tokens in debt at 10 tokens/s: a little over 30 s.
    expect(refused.ok ? 0 : refused.retryAfterSeconds).toBe(31);
    now += 31_000;
    expect(limiter.admit("k", limits, 10).ok).toBe(true);
  });

  it("divides each limit among replicas when told how many share it", () => {
    const limiter = new RateLimiter({ now: () => 0, replicas: 2 });
    const limits = { rpm: 4, tpm: null };
    expect(limiter.admit("k", limits, 0).ok).toBe(true);
    expect(limiter.admit("k", limits, 0).ok).toBe(true);
    expect(limiter.admit("k", limits, 0).ok).toBe(false);
  });
});
