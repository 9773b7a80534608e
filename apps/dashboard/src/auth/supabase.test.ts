import { describe, expect, it } from "vitest";
import { authStorageKey } from "./supabase.ts";

describe("authStorageKey", () => {
  it("is supabase-js's default: sb-<first host label>-auth-token", () => {
    expect(authStorageKey("http://127.0.0.1:3100")).toBe("sb-127-auth-token");
    expect(authStorageKey("http://localhost:3000")).toBe("sb-localhost-auth-token");
    expect(authStorageKey("https://abcd.supabase.co")).toBe("sb-abcd-auth-token");
  });
});
