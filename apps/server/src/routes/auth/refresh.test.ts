import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthTestServer, signInWithCode, startAuthServer } from "./test-kit.ts";

let t: AuthTestServer;
beforeAll(async () => {
  t = await startAuthServer({ OTP_EMAIL_INTERVAL: "0", REFRESH_REUSE_INTERVAL: "1" });
});
afterAll(() => t.close());

const email = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.com`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function refresh(token: string) {
  const res = await fetch(`${t.url}/auth/v1/token?grant_type=refresh_token`, {
    method: "POST",
    headers: { "content-type": "application/json;charset=UTF-8", apikey: "anon-key" },
    body: JSON.stringify({ refresh_token: token }),
  });
  return { status: res.status, body: await res.json() };
}

async function me(accessToken: string) {
  const res = await fetch(`${t.url}/api/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  await res.body?.cancel();
  return res.status;
}

describe("POST /token?grant_type=refresh_token", () => {
  it("rotates the token and returns the user with a new access token", async () => {
    const address = email("rotate");
    const { client, session } = await signInWithCode(t, address);
    const { data, error } = await client.auth.refreshSession({
      refresh_token: session.refresh_token,
    });
    expect(error).toBeNull();
    expect(data.session?.refresh_token).toBeTruthy();
    expect(data.session?.refresh_token).not.toBe(session.refresh_token);
    expect(data.user?.email).toBe(address);
    expect(data.session?.access_token).not.toBe(session.access_token);
    expect(await me(data.session?.access_token ?? "")).toBe(200);
  });

  it("answers the parent of the active token with the active token, at any time", async () => {
    const { session } = await signInWithCode(t, email("parent"));
    const first = await refresh(session.refresh_token);
    expect(first.status).toBe(200);
    await sleep(1200);
    const again = await refresh(session.refresh_token);
    expect(again.status).toBe(200);
    expect(again.body.refresh_token).toBe(first.body.refresh_token);
    expect(again.body.user.email).toBe(first.body.user.email);
  });

  it("allows an older token within the reuse interval, answering with the active one", async () => {
    const { session } = await signInWithCode(t, email("interval"));
    const t1 = (await refresh(session.refresh_token)).body.refresh_token;
    const t2 = (await refresh(t1)).body.refresh_token;
    const reused = await refresh(session.refresh_token);
    expect(reused.status).toBe(200);
    expect(reused.body.refresh_token).toBe(t2);
  });

  it("revokes the session when a token is reused after the interval", async () => {
    const { client, session } = await signInWithCode(t, email("reuse"));
    const t1 = await refresh(session.refresh_token);
    const t2 = await refresh(t1.body.refresh_token);
    expect(t2.status).toBe(200);
    await sleep(1200);
    const { error } = await client.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe("refresh_token_already_used");
    const active = await refresh(t2.body.refresh_token);
    expect(active.status).toBe(400);
    expect(active.body.code).toBe("refresh_token_not_found");
    expect(await me(t2.body.access_token)).toBe(401);
  });

  it("gives concurrent refreshes of one token (tabs, SSR) the same new token", async () => {
    const { session } = await signInWithCode(t, email("tabs"));
    const all = await Promise.all([1, 2, 3, 4].map(() => refresh(session.refresh_token)));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(all.map((r) => r.body.refresh_token)).size).toBe(1);
    expect(all[0]?.body.refresh_token).not.toBe(session.refresh_token);
  });

  it("answers 400, never 5xx, to unknown and missing tokens", async () => {
    const unknown = await refresh("not-a-token");
    expect(unknown).toMatchObject({ status: 400, body: { code: "refresh_token_not_found" } });
    const missing = await refresh("");
    expect(missing).toMatchObject({ status: 400, body: { code: "validation_failed" } });
  });
});
