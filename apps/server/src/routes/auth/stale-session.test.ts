import { randomUUID } from "node:crypto";
import { AuthRetryableFetchError } from "@supabase/supabase-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authIssuer } from "../../config.ts";
import { signAccessToken } from "../../services/auth/tokens.ts";
import { MapStorage, startAuthServer } from "./test-kit.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("stale session with the server gone", () => {
  it("signOut local returns AuthRetryableFetchError and leaves the storage key", async () => {
    const stale = await startAuthServer();
    const key = stale.deps.signingKey;
    if (!key) throw new Error("built-in auth has a key");
    const expired = await signAccessToken(
      key,
      { issuer: authIssuer(stale.config), expiresIn: 300, now: Date.now() - 3_600_000 },
      {
        userId: randomUUID(),
        email: "stale@example.com",
        sessionId: randomUUID(),
        amr: [],
        appMetadata: {},
        userMetadata: {},
      },
    );
    const storage = new MapStorage();
    storage.setItem(
      "sb-test-auth-token",
      JSON.stringify({
        access_token: expired.token,
        refresh_token: "stale-refresh-token",
        token_type: "bearer",
        expires_in: 300,
        expires_at: expired.expiresAt,
        user: { id: randomUUID(), aud: "authenticated", email: "stale@example.com" },
      }),
    );
    await stale.close();
    // supabase-js logs each failed attempt of its retry loop (about 25 s of back-off).
    vi.spyOn(console, "error").mockImplementation(() => {});
    const client = stale.client({ storage });
    const { error } = await client.auth.signOut({ scope: "local" });
    expect(error).toBeInstanceOf(AuthRetryableFetchError);
    // Why the dashboard's "Clear stale session" also deletes the keys itself.
    expect(storage.getItem("sb-test-auth-token")).not.toBeNull();
  }, 60_000);
});
