import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthTestServer, location, startAuthServer } from "./test-kit.ts";

let t: AuthTestServer;
beforeAll(async () => {
  t = await startAuthServer({ GITHUB_CLIENT_ID: "gh-id", GITHUB_CLIENT_SECRET: "gh-secret" });
});
afterAll(() => t.close());

const email = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.com`;

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/auth/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json;charset=UTF-8", ...headers },
    body,
  });
  return { res, body: await res.json() };
}

describe("GoTrue-shaped errors", () => {
  it("answers malformed bodies with 400 {code, message} and the API version", async () => {
    const cases: [string, string, string][] = [
      ["/otp", "{not json", "bad_json"],
      ["/otp", "[1,2]", "bad_json"],
      ["/otp", "{}", "validation_failed"],
      ["/otp", '{"email":"not-an-address"}', "validation_failed"],
      ["/otp", '{"email":42}', "validation_failed"],
      ["/verify", '{"type":"email"}', "validation_failed"],
      ["/verify", '{"type":"nope","token":"1","email":"a@b.co"}', "validation_failed"],
      ["/token?grant_type=pkce", "{}", "validation_failed"],
      ["/token?grant_type=password", '{"email":"a@b.co","password":"x"}', "validation_failed"],
      ["/token?grant_type=refresh_token", "{oops", "bad_json"],
    ];
    for (const [path, body, code] of cases) {
      const r = await post(path, body);
      expect({ path, body, status: r.res.status, code: r.body.code }).toEqual({
        path,
        body,
        status: 400,
        code,
      });
      expect(typeof r.body.message).toBe("string");
      expect(r.res.headers.get("x-supabase-api-version")).toBe("2024-01-01");
      expect(r.res.headers.get("content-type")).toMatch(/^application\/json/);
    }
  });

  it("validates PKCE parameters on /otp", async () => {
    const only = await post(
      "/otp",
      JSON.stringify({ email: email("p"), code_challenge: "x".repeat(43) }),
    );
    expect(only.res.status).toBe(400);
    const short = await post(
      "/otp",
      JSON.stringify({ email: email("p"), code_challenge: "short", code_challenge_method: "s256" }),
    );
    expect(short.body.code).toBe("validation_failed");
    const method = await post(
      "/otp",
      JSON.stringify({
        email: email("p"),
        code_challenge: "x".repeat(43),
        code_challenge_method: "md5",
      }),
    );
    expect(method.body.code).toBe("validation_failed");
  });

  it("answers unknown codes with 404 flow_state_not_found", async () => {
    for (const auth_code of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const r = await post(
        "/token?grant_type=pkce",
        JSON.stringify({ auth_code, code_verifier: "v".repeat(43) }),
      );
      expect(r.res.status).toBe(404);
      expect(r.body.code).toBe("flow_state_not_found");
    }
  });

  it("answers /user and /logout without a usable bearer with GoTrue's codes", async () => {
    const none = await fetch(`${t.url}/auth/v1/user`, { headers: { apikey: "anon-key" } });
    expect(none.status).toBe(401);
    expect((await none.json()).code).toBe("no_authorization");
    const anon = await fetch(`${t.url}/auth/v1/user`, {
      headers: { apikey: "anon-key", authorization: "Bearer anon-key" },
    });
    expect(anon.status).toBe(403);
    expect((await anon.json()).code).toBe("bad_jwt");
    const scope = await post("/logout?scope=everyone", "", { authorization: "Bearer anon-key" });
    expect(scope.res.status).toBe(400);
  });

  it("answers unknown paths with a GoTrue 404, not problem JSON", async () => {
    const res = await fetch(`${t.url}/auth/v1/admin/users`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await res.json()).code).toBe("not_found");
  });

  it("ignores apikey and Authorization on public endpoints", async () => {
    const r = await post("/otp", JSON.stringify({ email: email("keys") }), {
      apikey: "sb_publishable_whatever",
      authorization: "Bearer sb_publishable_whatever",
    });
    expect(r.body).toEqual({});
    expect(r.res.status).toBe(200);
  });

  it("answers a malformed link with 400, but an unknown token with an error redirect", async () => {
    for (const query of ["type=magiclink", "token=abc&type=nonsense"]) {
      const res = await fetch(`${t.url}/auth/v1/verify?${query}`, { redirect: "manual" });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe("validation_failed");
    }
    const to = await location(
      `${t.url}/auth/v1/verify?token=abc&type=signup&redirect_to=${t.url}/x`,
    );
    expect(to.pathname).toBe("/x");
    expect(new URLSearchParams(to.hash.slice(1)).get("error_code")).toBe("otp_expired");
  });
});

describe("settings and providers", () => {
  it("lists the enabled sign-in methods", async () => {
    const res = await fetch(`${t.url}/auth/v1/settings`);
    expect(await res.json()).toMatchObject({
      external: { email: true, github: true, google: false },
      mailer_autoconfirm: true,
      disable_signup: false,
    });
  });

  it("refuses an unknown or unconfigured provider with 400 JSON, not a redirect", async () => {
    for (const provider of ["google", "myspace"]) {
      const res = await fetch(`${t.url}/auth/v1/authorize?provider=${provider}`, {
        redirect: "manual",
      });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe("validation_failed");
    }
  });
});

describe("POST /otp rate limits", () => {
  it("sends one e-mail per address per interval (429 over_email_send_rate_limit)", async () => {
    const address = email("twice");
    const client = t.client();
    expect((await client.auth.signInWithOtp({ email: address })).error).toBeNull();
    const { error } = await client.auth.signInWithOtp({ email: address });
    expect(error?.status).toBe(429);
    expect(error?.code).toBe("over_email_send_rate_limit");
    expect(error?.message).toMatch(/after \d+ seconds/);
  });

  it("caps requests per client IP per hour (429 over_request_rate_limit)", async () => {
    const limited = await startAuthServer({ OTP_IP_LIMIT_PER_HOUR: "2", OTP_EMAIL_INTERVAL: "0" });
    try {
      const client = limited.client();
      expect((await client.auth.signInWithOtp({ email: email("ip1") })).error).toBeNull();
      expect((await client.auth.signInWithOtp({ email: email("ip2") })).error).toBeNull();
      const { error } = await client.auth.signInWithOtp({ email: email("ip3") });
      expect(error?.status).toBe(429);
      expect(error?.code).toBe("over_request_rate_limit");
    } finally {
      await limited.close();
    }
  });
});

describe("production without SMTP", () => {
  it("says that magic-link sign-in is off because SMTP_URL is not set", async () => {
    const prod = await startAuthServer({ NODE_ENV: "production" });
    try {
      const { error } = await prod.client().auth.signInWithOtp({ email: email("prod") });
      expect(error?.status).toBe(422);
      expect(error?.code).toBe("email_provider_disabled");
      expect(error?.message).toContain("SMTP_URL");
      const settings = await (await fetch(`${prod.url}/auth/v1/settings`)).json();
      expect(settings.external.email).toBe(false);
    } finally {
      await prod.close();
    }
  });
});
