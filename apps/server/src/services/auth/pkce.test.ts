import { describe, expect, it } from "vitest";
import { parsePkce, verifierMatches } from "./pkce.ts";

describe("PKCE", () => {
  it("matches RFC 7636's S256 example and plain", () => {
    const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const s256 = parsePkce("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256");
    expect(s256).toEqual({
      challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      method: "s256",
    });
    expect(s256 && verifierMatches(s256, verifier)).toBe(true);
    expect(s256 && verifierMatches(s256, `${verifier}x`)).toBe(false);
    const plain = parsePkce(verifier, "plain");
    expect(plain && verifierMatches(plain, verifier)).toBe(true);
  });

  it("treats JSON null as absent and refuses half a pair", () => {
    expect(parsePkce(null, null)).toBeUndefined();
    expect(() => parsePkce("x".repeat(43), null)).toThrow(/requires/);
    expect(() => parsePkce("x".repeat(42), "s256")).toThrow(/43 to 128/);
    expect(() => parsePkce("x y".repeat(20), "s256")).toThrow(/43 to 128/);
  });
});
