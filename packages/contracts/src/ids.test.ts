import { describe, expect, it } from "vitest";
import { base58, isId, newId } from "./ids.ts";

const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

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

  it("encodes any bytes as the big-number base58 does", () => {
    const reference = (bytes: Uint8Array) => {
      let n = 0n;
      for (const b of bytes) n = (n << 8n) | BigInt(b);
      let out = "";
      for (; n > 0n; n /= 58n) out = alphabet[Number(n % 58n)] + out;
      let zeros = 0;
      while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
      return "1".repeat(zeros) + out;
    };
    for (let i = 0; i < 2000; i++) {
      const bytes = crypto.getRandomValues(new Uint8Array(i % 40));
      if (i % 7 === 0) bytes.fill(0, 0, i % 5);
      expect(base58(bytes)).toBe(reference(bytes));
    }
  });
});
