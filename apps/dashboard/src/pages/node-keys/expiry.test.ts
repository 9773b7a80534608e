import { describe, expect, it } from "vitest";
import { expiresAt, rotationExpiresAt } from "./expiry.ts";

describe("key expiry", () => {
  it("turns a choice into an instant, or none", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(expiresAt("30", now)).toBe("2026-01-31T00:00:00.000Z");
    expect(expiresAt("never", now)).toBeUndefined();
    expect(expiresAt(null, now)).toBeUndefined();
  });

  it("when rotating, keeps the current key's expiry unless another is chosen", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(rotationExpiresAt("same", now)).toBeUndefined();
    expect(rotationExpiresAt("never", now)).toBeNull();
    expect(rotationExpiresAt("90", now)).toBe("2026-04-01T00:00:00.000Z");
  });
});
