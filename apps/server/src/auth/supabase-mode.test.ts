import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { decodeJwt, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { createHarness, type Harness } from "../testing/harness.ts";
import { createTokenVerifier } from "./verify.ts";

/**
 * A stand-in for a Supabase project at the edge of the system, speaking its wire format:
 * the JWKS document and GET /auth/v1/user (403 session_not_found for a signed-out session).
 */
const live = new Set<string>();
let jwks: JWK[] = [];
let fake: ServerType;
let fakeUrl: string;
const hsSecret = "legacy-jwt-secret-with-at-least-32-characters!!";

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" },
  };
}

function userToken(
  key: { kid: string; privateKey: CryptoKey } | "hs256",
  claims: { sub?: string; session_id?: string; role?: string; email?: string } = {},
) {
  const jwt = new SignJWT({
    role: "authenticated",
    email: "ops@example.com",
    session_id: randomUUID(),
    ...claims,
  })
    .setSubject(claims.sub ?? randomUUID())
    .setIssuer(`${fakeUrl}/auth/v1`)
    .setAudience("authenticated")
    .setIssuedAt()
    .setExpirationTime("1h");
  if (key === "hs256") {
    return jwt
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(hsSecret));
  }
  return jwt.setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" }).sign(key.privateKey);
}

let h: Harness;
let keyA: Awaited<ReturnType<typeof keyPair>>;

beforeAll(async () => {
  keyA = await keyPair("key-a");
  jwks = [keyA.jwk];
  const app = new Hono();
  app.get("/auth/v1/.well-known/jwks.json", (c) => c.json({ keys: jwks }));
  app.get("/auth/v1/user", (c) => {
    const token = c.req.header("authorization")?.replace(/^Bearer /, "") ?? "";
    const claims = decodeJwt(token);
    if (!live.has(String(claims.session_id))) {
      return c.json({ code: "session_not_found", message: "Session not found" }, 403);
    }
    return c.json({ id: claims.sub, email: claims.email, aud: "authenticated" });
  });
  fake = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  h = await createHarness({
    SUPABASE_URL: fakeUrl,
    SUPABASE_ANON_KEY: "sb_publishable_test",
    SUPABASE_JWT_SECRET: hsSecret,
  });
});

afterAll(async () => {
  await h.close();
  fake.close();
});

const me = (token: string) =>
  h.request("/api/me", { headers: { authorization: `Bearer ${token}` } });

describe("Supabase mode", () => {
  it("tells the dashboard to sign in against the project, and serves no built-in auth", async () => {
    const config = await (await h.request("/api/config")).json();
    expect(config).toMatchObject({
      authMode: "supabase",
      supabaseUrl: fakeUrl,
      supabaseAnonKey: "sb_publishable_test",
    });
    const otp = await h.request("/auth/v1/otp", { method: "POST", body: { email: "a@b.co" } });
    expect(otp.status).toBe(404);
  });

  it("accepts the project's ES256 tokens through its JWKS, mirrors the user, lets them create an org", async () => {
    const sessionId = randomUUID();
    live.add(sessionId);
    const sub = randomUUID();
    const token = await userToken(keyA, { sub, session_id: sessionId, email: "Lead@Example.com" });
    const res = await me(token);
    expect(res.status).toBe(200);
    expect((await res.json()).user).toEqual({ id: sub, email: "lead@example.com" });
    const org = await h.request("/api/orgs", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: { name: "Hosted Auth Org", useCase: "evaluation" },
    });
    expect(org.status).toBe(201);
  });

  it("accepts legacy HS256 tokens when the JWT secret is configured", async () => {
    const sessionId = randomUUID();
    live.add(sessionId);
    expect((await me(await userToken("hs256", { session_id: sessionId }))).status).toBe(200);
  });

  it("refuses anon/service_role keys and tokens of signed-out sessions", async () => {
    const anon = await userToken("hs256", { role: "anon" });
    expect((await me(anon)).status).toBe(401);
    const service = await userToken("hs256", { role: "service_role" });
    expect((await me(service)).status).toBe(401);
    const signedOut = await userToken(keyA, { session_id: randomUUID() });
    const res = await me(signedOut);
    expect(res.status).toBe(401);
    expect((await res.json()).detail).toMatch(/signed out/);
  });

  it("refetches the JWKS when a token names a key it has not seen (rotation)", async () => {
    const config = loadConfig({
      SUPABASE_URL: fakeUrl,
      SUPABASE_ANON_KEY: "x",
      DATA_DIR: "/tmp/unused",
    });
    const verifier = createTokenVerifier(config, undefined, { jwksCooldownMs: 0 });
    const first = await verifier.verify(await userToken(keyA));
    expect(first.claims.iss).toBe(`${fakeUrl}/auth/v1`);
    const keyB = await keyPair("key-b");
    jwks = [keyA.jwk, keyB.jwk];
    const rotated = await verifier.verify(await userToken(keyB));
    expect(rotated.userId).toMatch(/-/);
    const stranger = await keyPair("key-c");
    await expect(verifier.verify(await userToken(stranger))).rejects.toThrow(/not valid/);
  });
});
