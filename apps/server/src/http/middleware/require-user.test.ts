import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authIssuer } from "../../config.ts";
import { signAccessToken } from "../../services/auth/tokens.ts";
import { createHarness, type Harness } from "../../testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const me = (authorization?: string) =>
  h.request("/api/me", { headers: authorization ? { authorization } : {} });

async function expect401(authorization: string | undefined, detail: RegExp) {
  const res = await me(authorization);
  expect(res.status).toBe(401);
  const body = await res.json();
  expect(body.code).toBe("unauthorized");
  expect(body.detail).toMatch(detail);
  expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
}

describe("access tokens on the control plane", () => {
  it("accepts a live session's token", async () => {
    const u = await h.user();
    const res = await me(`Bearer ${u.token}`);
    expect(res.status).toBe(200);
    expect((await res.json()).user).toEqual({ id: u.id, email: u.email });
  });

  it("refuses a missing, malformed or unsigned token", async () => {
    await expect401(undefined, /Bearer/);
    await expect401("Basic dXNlcjpwYXNz", /Bearer/);
    await expect401("Bearer not-a-jwt", /malformed/);
    const u = await h.user();
    const [head, body] = u.token.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${body}.`;
    await expect401(`Bearer ${none}`, /not valid/);
    await expect401(`Bearer ${head}.${body}.${"A".repeat(86)}`, /not valid/);
  });

  it("refuses an expired token", async () => {
    const u = await h.user();
    const key = h.deps.signingKey;
    if (!key) throw new Error("built-in key expected");
    const { token } = await signAccessToken(
      key,
      { issuer: authIssuer(h.deps.config), expiresIn: 300, now: Date.now() - 3600_000 },
      {
        userId: u.id,
        email: u.email,
        sessionId: u.sessionId,
        amr: [],
        appMetadata: {},
        userMetadata: {},
      },
    );
    await expect401(`Bearer ${token}`, /expired/);
  });

  it("refuses a token signed by another key, even with our kid", async () => {
    const u = await h.user();
    const key = h.deps.signingKey;
    if (!key) throw new Error("built-in key expected");
    const other = await generateKeyPair("ES256");
    const { token } = await signAccessToken(
      { ...key, privateKey: other.privateKey },
      { issuer: authIssuer(h.deps.config), expiresIn: 3600 },
      {
        userId: u.id,
        email: u.email,
        sessionId: u.sessionId,
        amr: [],
        appMetadata: {},
        userMetadata: {},
      },
    );
    await expect401(`Bearer ${token}`, /not valid/);
  });

  it("refuses anon and service_role keys as user tokens", async () => {
    const secret = new TextEncoder().encode("super-secret-jwt-token-with-at-least-32-characters");
    for (const role of ["anon", "service_role"]) {
      const key = await new SignJWT({ role, ref: "abcd", iss: "supabase" })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuedAt()
        .setExpirationTime("10y")
        .sign(secret);
      await expect401(`Bearer ${key}`, /HS256|not a user/);
    }
  });

  it("refuses a token from another issuer or for another audience", async () => {
    const u = await h.user();
    const key = h.deps.signingKey;
    if (!key) throw new Error("built-in key expected");
    const { token } = await signAccessToken(
      key,
      { issuer: "https://evil.example/auth/v1", expiresIn: 3600 },
      {
        userId: u.id,
        email: u.email,
        sessionId: u.sessionId,
        amr: [],
        appMetadata: {},
        userMetadata: {},
      },
    );
    await expect401(`Bearer ${token}`, /not valid/);
  });

  it("refuses the token of a signed-out session at once", async () => {
    const u = await h.user();
    expect((await me(`Bearer ${u.token}`)).status).toBe(200);
    await h.deps.database.db
      .delete(schema.authSessions)
      .where(eq(schema.authSessions.id, u.sessionId));
    await expect401(`Bearer ${u.token}`, /signed out/);
  });

  it("refuses a token whose user is a different person than the session's", async () => {
    const a = await h.user();
    const b = await h.user();
    const key = h.deps.signingKey;
    if (!key) throw new Error("built-in key expected");
    const { token } = await signAccessToken(
      key,
      { issuer: authIssuer(h.deps.config), expiresIn: 3600 },
      {
        userId: a.id,
        email: a.email,
        sessionId: b.sessionId,
        amr: [],
        appMetadata: {},
        userMetadata: {},
      },
    );
    await expect401(`Bearer ${token}`, /signed out/);
  });
});
