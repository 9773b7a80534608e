import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthTestServer, fragment, location, startAuthServer } from "./test-kit.ts";

let t: AuthTestServer;
beforeAll(async () => {
  t = await startAuthServer({ OTP_EMAIL_INTERVAL: "0" });
});
afterAll(() => t.close());

const email = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.com`;

describe("magic link, PKCE", () => {
  it("signs in through the e-mailed link and the code exchange", async () => {
    const address = email("pkce");
    const client = t.client({ flowType: "pkce" });
    const sent = await client.auth.signInWithOtp({
      email: address,
      options: { emailRedirectTo: `${t.url}/welcome?tab=1`, data: { team: "ops" } },
    });
    expect(sent.error).toBeNull();
    const mail = t.mail(address);
    expect(mail.code).toMatch(/^\d{6}$/);
    expect(mail.text).toContain(mail.link);
    expect(mail.text).toContain(mail.code);
    const link = new URL(mail.link ?? "");
    expect(`${link.origin}${link.pathname}`).toBe(`${t.url}/auth/v1/verify`);
    expect(link.searchParams.get("token")).toMatch(/^pkce_/);
    expect(link.searchParams.get("type")).toBe("magiclink");

    const back = await location(link.toString());
    expect(`${back.origin}${back.pathname}`).toBe(`${t.url}/welcome`);
    expect(back.searchParams.get("tab")).toBe("1");
    const code = back.searchParams.get("code") ?? "";
    const { data, error } = await client.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    const user = data.user;
    expect(user).toMatchObject({
      email: address,
      aud: "authenticated",
      role: "authenticated",
      phone: "",
      is_anonymous: false,
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: { team: "ops" },
    });
    expect(user?.email_confirmed_at).toBeTruthy();
    expect(user?.identities?.[0]).toMatchObject({
      provider: "email",
      id: user?.id,
      user_id: user?.id,
      identity_data: { email: address, email_verified: true },
    });
    const claims = decodeJwt(data.session?.access_token ?? "");
    expect(claims).toMatchObject({
      iss: `${t.url}/auth/v1`,
      aud: "authenticated",
      role: "authenticated",
      sub: user?.id,
      email: address,
      aal: "aal1",
      amr: [{ method: "magiclink" }],
    });
    expect(data.session?.expires_in).toBe(3600);

    const me = await fetch(`${t.url}/api/me`, {
      headers: { authorization: `Bearer ${data.session?.access_token}` },
    });
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe(address);
  });

  it("accepts the plain method (no crypto.subtle), refuses a wrong verifier, spends the code", async () => {
    const address = email("plain");
    const verifier = "a".repeat(56) + "0123456789abcdef".repeat(3) + "b".repeat(8);
    const post = (challenge: string) =>
      fetch(`${t.url}/auth/v1/otp`, {
        method: "POST",
        headers: { "content-type": "application/json;charset=UTF-8" },
        body: JSON.stringify({
          email: address,
          code_challenge: challenge,
          code_challenge_method: "PLAIN",
        }),
      });
    expect((await post(verifier)).status).toBe(200);
    const code = (await location(t.mail(address).link ?? "")).searchParams.get("code");
    const exchange = (codeVerifier: string) =>
      fetch(`${t.url}/auth/v1/token?grant_type=pkce`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ auth_code: code, code_verifier: codeVerifier }),
      });
    const wrong = await exchange(`${verifier}x`);
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).code).toBe("bad_code_verifier");
    const right = await exchange(verifier);
    expect(right.status).toBe(200);
    const session = await right.json();
    expect(session.user.email).toBe(address);
    expect(session.refresh_token).toBeTruthy();
    const again = await exchange(verifier);
    expect(again.status).toBe(404);
    expect((await again.json()).code).toBe("flow_state_not_found");
  });

  it("refuses an auth code older than 300 s", async () => {
    const address = email("late");
    const client = t.client();
    await client.auth.signInWithOtp({ email: address });
    const code = (await location(t.mail(address).link ?? "")).searchParams.get("code") ?? "";
    await t.deps.database.db
      .update(schema.flowStates)
      .set({ authCodeIssuedAt: new Date(Date.now() - 301_000) })
      .where(eq(schema.flowStates.authCode, code));
    const { error } = await client.auth.exchangeCodeForSession(code);
    expect(error?.status).toBe(422);
    expect(error?.code).toBe("flow_state_expired");
  });
});

describe("magic link, implicit", () => {
  it("redirects with the session in the fragment, which setSession accepts", async () => {
    const address = email("implicit");
    const client = t.client({ flowType: "implicit" });
    expect((await client.auth.signInWithOtp({ email: address })).error).toBeNull();
    const link = new URL(t.mail(address).link ?? "");
    expect(link.searchParams.get("token")).not.toMatch(/^pkce_/);
    const res = await fetch(link, { redirect: "manual" });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe(`${t.url}/`);
    const p = fragment(back);
    expect(p.get("token_type")).toBe("bearer");
    expect(p.get("type")).toBe("magiclink");
    const expiresAt = Number(p.get("expires_at"));
    expect(
      Math.abs(expiresAt - Math.floor(Date.now() / 1000) - Number(p.get("expires_in"))),
    ).toBeLessThan(5);
    const { data, error } = await client.auth.setSession({
      access_token: p.get("access_token") ?? "",
      refresh_token: p.get("refresh_token") ?? "",
    });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(address);
    expect(decodeJwt(p.get("access_token") ?? "").amr).toMatchObject([{ method: "otp" }]);
    const user = await client.auth.getUser();
    expect(user.data.user?.email).toBe(address);
  });

  it("turns a used or expired link into an error redirect", async () => {
    const address = email("used");
    const client = t.client({ flowType: "implicit" });
    await client.auth.signInWithOtp({ email: address });
    const link = t.mail(address).link ?? "";
    await location(link);
    const used = await location(link);
    const p = fragment(used);
    expect(p.get("error")).toBe("access_denied");
    expect(p.get("error_code")).toBe("otp_expired");
    expect(p.get("error_description")).toBe("Email link is invalid or has expired");
    expect(used.search).toBe("");

    const pkceAddress = email("expired");
    await t.client().auth.signInWithOtp({ email: pkceAddress });
    await t.deps.database.db
      .update(schema.oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.oneTimeTokens.tokenType, "magiclink"));
    const expired = await location(t.mail(pkceAddress).link ?? "");
    expect(expired.searchParams.get("error_code")).toBe("otp_expired");
    expect(fragment(expired).get("error")).toBe("access_denied");
  });
});

describe("6-digit code and token_hash", () => {
  it("verifyOtp with the code gives a session, after which the link is spent", async () => {
    const address = email("code");
    const client = t.client({ flowType: "pkce" });
    await client.auth.signInWithOtp({ email: address });
    const mail = t.mail(address);
    const { data, error } = await client.auth.verifyOtp({
      email: address,
      token: mail.code ?? "",
      type: "email",
    });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(address);
    expect(decodeJwt(data.session?.access_token ?? "").amr).toMatchObject([{ method: "otp" }]);
    const spent = await location(mail.link ?? "");
    expect(spent.searchParams.get("error_code")).toBe("otp_expired");
  });

  it("answers 403 otp_expired to wrong codes, and the code dies after five", async () => {
    const address = email("guess");
    const client = t.client();
    await client.auth.signInWithOtp({ email: address });
    const code = t.mail(address).code ?? "";
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < 5; i++) {
      const { error } = await client.auth.verifyOtp({
        email: address,
        token: wrong,
        type: "email",
      });
      expect(error?.status).toBe(403);
      expect(error?.code).toBe("otp_expired");
    }
    const late = await client.auth.verifyOtp({ email: address, token: code, type: "email" });
    expect(late.error?.code).toBe("otp_expired");
  });

  it("verifies a token_hash alone and refuses it with an e-mail", async () => {
    const address = email("hash");
    const client = t.client({ flowType: "implicit" });
    await client.auth.signInWithOtp({ email: address });
    const token = new URL(t.mail(address).link ?? "").searchParams.get("token") ?? "";
    const mixed = await fetch(`${t.url}/auth/v1/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token_hash: token, type: "email", email: address }),
    });
    expect(mixed.status).toBe(400);
    expect((await mixed.json()).code).toBe("validation_failed");
    const { data, error } = await client.auth.verifyOtp({ token_hash: token, type: "magiclink" });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(address);
  });
});

describe("POST /otp rules", () => {
  it("refuses an unknown address when create_user is false", async () => {
    const { error } = await t
      .client()
      .auth.signInWithOtp({ email: email("nobody"), options: { shouldCreateUser: false } });
    expect(error?.status).toBe(422);
    expect(error?.code).toBe("otp_disabled");
  });

  it("sends a foreign redirect_to back to the site URL", async () => {
    const address = email("evil");
    const client = t.client();
    await client.auth.signInWithOtp({
      email: address,
      options: { emailRedirectTo: "https://evil.example/steal" },
    });
    const link = new URL(t.mail(address).link ?? "");
    expect(link.searchParams.get("redirect_to")).toBe(`${t.url}/`);
    const back = await location(link.toString());
    expect(back.origin).toBe(t.url);
  });
});
