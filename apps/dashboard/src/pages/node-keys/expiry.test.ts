import { describe, expect, it } from "vitest";
import { expiresAt } from "./expiry.ts";

describe("key expiry", () => {
  it("turns a choice into an instant, or none", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(expiresAt("30", now)).toBe("2026-01-31T00:00:00.000Z");
    expect(expiresAt("never", now)).toBeUndefined();
    expect(expiresAt(null, now)).toBeUndefined();
  });
});
