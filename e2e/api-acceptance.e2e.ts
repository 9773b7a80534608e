import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOutbox, uniqueEmail } from "./support/browser.ts";
import { api, authPost, getMe, signInWithCode } from "./support/http.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(async () => {
  await server?.close();
});

async function expectUnauthorized(res: Response) {
  expect(res.status).toBe(401);
  expect((await res.json()).code).toBe("unauthorized");
}

function resign(
  claims: JWTPayload,
  header: { alg: string; kid?: string },
  key: CryptoKey,
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ ...header, typ: "JWT" }).sign(key);
}

/** The built-in auth's own private key, which the server keeps in DATA_DIR. */
async function serverSigningKey(): Promise<CryptoKey> {
  const file = path.join(server.dataDir, "auth", "signing-key.json");
  const stored = JSON.parse(await readFile(file, "utf8")) as { privateJwk: JWK };
  return (await importJWK(stored.privateJwk, "ES256")) as CryptoKey;
}

describe("built-in auth over HTTP (no browser)", () => {
  it("turns the 6-digit code from the dev outbox into a session that opens /api/me", async () => {
    const email = uniqueEmail("api-code");
    const session = await signInWithCode(server.url, email);
    expect(session).toMatchObject({ token_type: "bearer", user: { email } });
    expect(session.expires_in).toBeGreaterThanOrEqual(300);
    expect(session.refresh_token).toBeTruthy();
    const mail = (await readOutbox(server.url, email))[0];
    expect(mail?.code).toMatch(/^\d{6}$/);

    const me = await getMe(server.url, session.access_token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      user: { id: session.user.id, email },
      memberships: [],
    });
  });

  it("creates an organization visible in /api/me and hidden from another user", async () => {
    const alice = await signInWithCode(server.url, uniqueEmail("api-alice"));
    const bob = await signInWithCode(server.url, uniqueEmail("api-bob"));
    const created = await api(server.url, "/api/orgs", alice.access_token, {
      name: "Kisumu Pilot",
      useCase: "pilot_network",
    });
    expect(created.status).toBe(201);
    const org = await created.json();
    expect(org).toMatchObject({ name: "Kisumu Pilot", useCase: "pilot_network" });

    const me = await (await getMe(server.url, alice.access_token)).json();
    expect(me.memberships).toEqual([{ org, role: "owner" }]);
    expect((await api(server.url, `/api/orgs/${org.id}`, alice.access_token)).status).toBe(200);

    const hidden = await api(server.url, `/api/orgs/${org.id}`, bob.access_token);
    expect(hidden.status).toBe(404);
    expect((await hidden.json()).code).toBe("not_found");
  });

  it("publishes a JWKS that verifies its access tokens", async () => {
    const session = await signInWithCode(server.url, uniqueEmail("api-jwks"));
    const res = await fetch(`${server.url}/auth/v1/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    const jwks = (await res.json()) as { keys: JWK[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(key).not.toHaveProperty("d");

    const { payload, protectedHeader } = await jwtVerify(
      session.access_token,
      createLocalJWKSet(jwks),
      { issuer: `${server.url}/auth/v1`, audience: "authenticated" },
    );
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload).toMatchObject({
      sub: session.user.id,
      email: session.user.email,
      role: "authenticated",
    });
    expect(typeof payload.session_id).toBe("string");
  });

  it("refuses a token signed by another key and an expired one", async () => {
    const session = await signInWithCode(server.url, uniqueEmail("api-forged"));
    const claims = decodeJwt(session.access_token);
    const header = decodeProtectedHeader(session.access_token);
    const kid = header.kid;
    const now = Math.floor(Date.now() / 1000);

    // Same claims and kid, signed by a key the server never published.
    const stranger = await generateKeyPair("ES256");
    await expectUnauthorized(
      await getMe(server.url, await resign(claims, { alg: "ES256", kid }, stranger.privateKey)),
    );

    // The server's own key: fresh claims pass (the control), past ones do not.
    const own = await serverSigningKey();
    const fresh = await resign({ ...claims, iat: now, exp: now + 600 }, { alg: "ES256", kid }, own);
    expect((await getMe(server.url, fresh)).status).toBe(200);
    const expired = await resign(
      { ...claims, iat: now - 7200, exp: now - 3600 },
      { alg: "ES256", kid },
      own,
    );
    await expectUnauthorized(await getMe(server.url, expired));

    // A token with a fresh key's own kid is refused as well (no key is fetched from the token).
    const foreign = await resign(
      claims,
      { alg: "ES256", kid: "not-a-server-key" },
      stranger.privateKey,
    );
    await expectUnauthorized(await getMe(server.url, foreign));
  });

  it("refuses every token of the user after POST /auth/v1/logout (scope global)", async () => {
    const email = uniqueEmail("api-logout");
    const laptop = await signInWithCode(server.url, email);
    const phone = await signInWithCode(server.url, email);
    expect((await getMe(server.url, laptop.access_token)).status).toBe(200);
    expect((await getMe(server.url, phone.access_token)).status).toBe(200);

    const out = await authPost(server.url, "/logout?scope=global", undefined, laptop.access_token);
    expect(out.status).toBe(204);
    await expectUnauthorized(await getMe(server.url, laptop.access_token));
    await expectUnauthorized(await getMe(server.url, phone.access_token));
  });
});
