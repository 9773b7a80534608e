import { createLocalJWKSet, generateKeyPair, jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authIssuer } from "../../config.ts";
import { signAccessToken } from "../../services/auth/tokens.ts";
import { type AuthTestServer, signInWithCode, startAuthServer } from "./test-kit.ts";

let t: AuthTestServer;
beforeAll(async () => {
  t = await startAuthServer({ OTP_EMAIL_INTERVAL: "0" });
});
afterAll(() => t.close());

const email = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.com`;

async function me(token: string) {
  const res = await fetch(`${t.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  await res.body?.cancel();
  return res.status;
}

describe("getUser and signOut", () => {
  it("signOut local ends only this session; global ends the others", async () => {
    const address = email("devices");
    const a = await signInWithCode(t, address);
    const b = await signInWithCode(t, address);
    const c = await signInWithCode(t, address);
    expect((await a.client.auth.getUser()).data.user?.email).toBe(address);

    expect((await a.client.auth.signOut({ scope: "local" })).error).toBeNull();
    const gone = await a.client.auth.getUser(a.session.access_token);
    expect(gone.error?.name).toBe("AuthSessionMissingError");
    expect(await me(a.session.access_token)).toBe(401);
    expect((await b.client.auth.getUser()).data.user?.email).toBe(address);
    expect(await me(c.session.access_token)).toBe(200);

    expect((await b.client.auth.signOut({ scope: "global" })).error).toBeNull();
    expect((await c.client.auth.getUser()).error?.name).toBe("AuthSessionMissingError");
    expect(await me(c.session.access_token)).toBe(401);
    const refreshed = await c.client.auth.refreshSession({
      refresh_token: c.session.refresh_token,
    });
    expect(refreshed.error?.code).toBe("refresh_token_not_found");
  });

  it("signOut others keeps the caller's session", async () => {
    const address = email("others");
    const a = await signInWithCode(t, address);
    const b = await signInWithCode(t, address);
    expect((await a.client.auth.signOut({ scope: "others" })).error).toBeNull();
    expect(await me(a.session.access_token)).toBe(200);
    expect(await me(b.session.access_token)).toBe(401);
  });

  it("accepts POST /logout with a JSON content type and no body, answering 204", async () => {
    const { session } = await signInWithCode(t, email("empty"));
    const res = await fetch(`${t.url}/auth/v1/logout?scope=local`, {
      method: "POST",
      headers: {
        "content-type": "application/json;charset=UTF-8",
        authorization: `Bearer ${session.access_token}`,
        apikey: "anon-key",
      },
    });
    expect(res.status).toBe(204);
    expect(await me(session.access_token)).toBe(401);
  });
});

describe("the API refuses what is not a live user token", () => {
  it("refuses the anon key, another key's token, an expired token", async () => {
    const { session } = await signInWithCode(t, email("api"));
    expect(await me(session.access_token)).toBe(200);

    const anon = await new SignJWT({ role: "anon", ref: "local" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer("supabase")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("super-secret-jwt-token-with-at-least-32-characters"));
    expect(await me(anon)).toBe(401);
    expect(await me("anon-key")).toBe(401);

    const claims = JSON.parse(
      Buffer.from(session.access_token.split(".")[1] ?? "", "base64url").toString(),
    );
    const other = await generateKeyPair("ES256");
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: t.deps.signingKey?.kid, typ: "JWT" })
      .sign(other.privateKey);
    expect(await me(forged)).toBe(401);

    const key = t.deps.signingKey;
    if (!key) throw new Error("built-in auth has a key");
    const expired = await signAccessToken(
      key,
      { issuer: authIssuer(t.config), expiresIn: 300, now: Date.now() - 3_600_000 },
      {
        userId: claims.sub,
        email: claims.email,
        sessionId: claims.session_id,
        amr: claims.amr,
        appMetadata: {},
        userMetadata: {},
      },
    );
    expect(await me(expired.token)).toBe(401);
    const user = await fetch(`${t.url}/auth/v1/user`, {
      headers: { authorization: `Bearer ${expired.token}` },
    });
    expect(user.status).toBe(403);
    expect((await user.json()).code).toBe("bad_jwt");
  });
});

describe("JWKS", () => {
  it("publishes the public key that verifies issued tokens, cacheable for 10 minutes", async () => {
    const { client, session } = await signInWithCode(t, email("jwks"));
    const res = await fetch(`${t.url}/auth/v1/.well-known/jwks.json`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=600");
    const jwks = await res.json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(jwks.keys[0].d).toBeUndefined();
    const { payload, protectedHeader } = await jwtVerify(
      session.access_token,
      createLocalJWKSet(jwks),
      { issuer: `${t.url}/auth/v1`, audience: "authenticated" },
    );
    expect(protectedHeader).toMatchObject({ alg: "ES256", kid: jwks.keys[0].kid, typ: "JWT" });
    expect(payload.session_id).toBeTruthy();
    const claims = await client.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(session.user.id);
  });
});
