import { describe, expect, it } from "vitest";
import { base58, isId, newId } from "./ids.ts";

describe("newId", () => {
  it("makes prefixed ids that sort by creation, even within one millisecond", () => {
    const now = Date.now() + 10_000;
    const ids = Array.from({ length: 1000 }, () => newId("site", now));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => isId("site", id))).toBe(true);
    const later = newId("site", now + 1);
    expect(later > (ids.at(-1) ?? "")).toBe(true);
  });

  it("encodes base58 like Bitcoin, leading zero bytes as 1", () => {
    expect(base58(new Uint8Array([0, 0, 1]))).toBe("112");
    expect(base58(new TextEncoder().encode("hello world"))).toBe("StV1DL6CwTryKyV");
  });
});
