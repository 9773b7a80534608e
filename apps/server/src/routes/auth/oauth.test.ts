import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubProvider } from "../../services/auth/oauth/github.ts";
import { googleProvider } from "../../services/auth/oauth/google.ts";
import { type FakeAccount, type FakeProvider, startFakeProvider } from "./fake-oauth.ts";
import {
  type AuthTestServer,
  fragment,
  location,
  signInWithCode,
  startAuthOnly,
  startAuthServer,
} from "./test-kit.ts";

let fake: FakeProvider;
let t: AuthTestServer;
beforeAll(async () => {
  fake = await startFakeProvider();
  t = await startAuthOnly(
    (config) => {
      const creds = { clientId: fake.clientId, clientSecret: fake.clientSecret };
      const callback = `${config.publicUrl}/auth/v1/callback`;
      return {
        github: githubProvider(creds, callback, {
          authorize: `${fake.url}/login/oauth/authorize`,
          token: `${fake.url}/login/oauth/access_token`,
          api: fake.url,
        }),
        google: googleProvider(creds, callback, {
          authorize: `${fake.url}/o/oauth2/v2/auth`,
          token: `${fake.url}/token`,
          userinfo: `${fake.url}/v1/userinfo`,
        }),
      };
    },
    { OTP_EMAIL_INTERVAL: "0" },
  );
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

let n = 1000;
function account(opts: { verified?: boolean; email?: string } = {}): FakeAccount {
  n += 1;
  const email = opts.email ?? `octo${n}-${Math.random().toString(36).slice(2, 6)}@example.com`;
  return {
    id: String(n),
    login: `octo${n}`,
    name: `Octo ${n}`,
    emails: [
      { email: `noreply${n}@users.example`, primary: false, verified: true },
      { email, primary: true, verified: opts.verified ?? true },
    ],
  };
}

/** signInWithOAuth as a browser would follow it: ours → provider → our callback → the app. */
async function browse(startUrl: string): Promise<URL> {
  const provider = await location(startUrl);
  const callback = await location(provider.toString());
  expect(`${callback.origin}${callback.pathname}`).toBe(`${t.url}/auth/v1/callback`);
  return location(callback.toString());
}

describe("OAuth against a fake provider at the edge", () => {
  it("GitHub, PKCE: callback → ?code= → exchangeCodeForSession with provider_token", async () => {
    fake.next = account();
    const client = t.client({ flowType: "pkce" });
    const { data } = await client.auth.signInWithOAuth({
      provider: "github",
      options: { redirectTo: `${t.url}/done`, skipBrowserRedirect: true },
    });
    const start = new URL(data.url ?? "");
    start.searchParams.delete("skip_http_redirect");
    const back = await browse(start.toString());
    expect(fake.lastAuthorize?.get("client_id")).toBe(fake.clientId);
    expect(fake.lastAuthorize?.get("scope")).toContain("user:email");
    expect(`${back.origin}${back.pathname}`).toBe(`${t.url}/done`);
    const code = back.searchParams.get("code") ?? "";
    const { data: signedIn, error } = await client.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    const primary = fake.next.emails[1]?.email;
    expect(signedIn.user?.email).toBe(primary);
    expect(signedIn.session?.provider_token).toMatch(/^gho_/);
    expect(signedIn.user?.app_metadata).toMatchObject({
      provider: "github",
      providers: ["github"],
    });
    expect(signedIn.user?.user_metadata).toMatchObject({
      user_name: fake.next.login,
      full_name: fake.next.name,
      avatar_url: "https://example.com/octo.png",
    });
    expect(signedIn.user?.identities?.[0]).toMatchObject({ provider: "github", id: fake.next.id });
  });

  it("Google, implicit: our PKCE towards Google, session and provider_token in the fragment", async () => {
    fake.next = account();
    const client = t.client({ flowType: "implicit" });
    const { data } = await client.auth.signInWithOAuth({
      provider: "google",
      options: {
        redirectTo: `${t.url}/done`,
        skipBrowserRedirect: true,
        queryParams: { access_type: "offline", prompt: "consent", state: "hijack" },
      },
    });
    const back = await browse(data.url ?? "");
    expect(fake.lastAuthorize?.get("code_challenge_method")).toBe("S256");
    expect(fake.lastAuthorize?.get("access_type")).toBe("offline");
    expect(fake.lastAuthorize?.get("state")).not.toBe("hijack");
    expect(fake.lastAuthorize?.get("scope")?.split(" ")).toEqual(["openid", "email", "profile"]);
    const p = fragment(back);
    expect(p.get("provider_token")).toMatch(/^ya29\./);
    expect(p.get("provider_refresh_token")).toBeTruthy();
    const { data: set, error } = await client.auth.setSession({
      access_token: p.get("access_token") ?? "",
      refresh_token: p.get("refresh_token") ?? "",
    });
    expect(error).toBeNull();
    expect(set.user?.email).toBe(fake.next.emails[1]?.email);
    expect(set.user?.app_metadata.provider).toBe("google");
  });

  it("links GitHub to an existing e-mail user by verified e-mail", async () => {
    const email = `linked-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const { session } = await signInWithCode(t, email);
    fake.next = account({ email });
    const client = t.client({ flowType: "pkce" });
    const { data } = await client.auth.signInWithOAuth({
      provider: "github",
      options: { redirectTo: `${t.url}/`, skipBrowserRedirect: true },
    });
    const back = await browse(data.url ?? "");
    const { data: signedIn } = await client.auth.exchangeCodeForSession(
      back.searchParams.get("code") ?? "",
    );
    expect(signedIn.user?.id).toBe(session.user.id);
    expect(signedIn.user?.identities?.map((i) => i.provider).sort()).toEqual(["email", "github"]);
    expect(signedIn.user?.app_metadata.providers).toEqual(["email", "github"]);
  });

  it("refuses an unverified e-mail with the error in query and fragment", async () => {
    fake.next = account({ verified: false });
    fake.next.emails = fake.next.emails.map((e) => ({ ...e, verified: false }));
    const { data } = await t.client().auth.signInWithOAuth({
      provider: "github",
      options: { redirectTo: `${t.url}/login`, skipBrowserRedirect: true },
    });
    const back = await browse(data.url ?? "");
    expect(back.pathname).toBe("/login");
    expect(back.searchParams.get("error_code")).toBe("provider_email_needs_verification");
    expect(fragment(back).get("error_code")).toBe("provider_email_needs_verification");
    expect(back.searchParams.get("error")).toBe("invalid_request");
  });

  it("turns a bad code, a replayed state and a cancel at the provider into error redirects", async () => {
    fake.next = account();
    const { data } = await t.client().auth.signInWithOAuth({
      provider: "github",
      options: { redirectTo: `${t.url}/login`, skipBrowserRedirect: true },
    });
    const provider = await location(data.url ?? "");
    const callback = await location(provider.toString());
    const forged = new URL(callback);
    forged.searchParams.set("code", "code_forged");
    const bad = await location(forged.toString());
    expect(bad.searchParams.get("error_code")).toBe("bad_oauth_callback");
    const ok = await location(callback.toString());
    expect(ok.searchParams.get("code")).toBeTruthy();
    const replay = await location(callback.toString());
    expect(replay.searchParams.get("error_code")).toBe("bad_oauth_state");
    const unknownState = await location(`${t.url}/auth/v1/callback?state=nope&code=x`);
    expect(unknownState.searchParams.get("error_code")).toBe("bad_oauth_state");

    const second = await t.client().auth.signInWithOAuth({
      provider: "github",
      options: { redirectTo: `${t.url}/login`, skipBrowserRedirect: true },
    });
    const atProvider = await location(second.data.url ?? "");
    const cancelAt = new URL(`${t.url}/auth/v1/callback`);
    cancelAt.searchParams.set("state", atProvider.searchParams.get("state") ?? "");
    cancelAt.searchParams.set("error", "access_denied");
    cancelAt.searchParams.set("error_description", "The user has denied your application access.");
    const cancelled = await location(cancelAt.toString());
    expect(cancelled.pathname).toBe("/login");
    expect(fragment(cancelled).get("error")).toBe("access_denied");
  });
});

describe("OAuth with the real provider endpoints (no network)", () => {
  it("redirects /authorize to GitHub and Google with our client id, callback and state", async () => {
    const real = await startAuthServer({
      GITHUB_CLIENT_ID: "gh-id",
      GITHUB_CLIENT_SECRET: "gh-secret",
      GOOGLE_CLIENT_ID: "g-id",
      GOOGLE_CLIENT_SECRET: "g-secret",
    });
    try {
      const gh = await location(
        `${real.url}/auth/v1/authorize?provider=github&redirect_to=${encodeURIComponent(`${real.url}/x`)}&scopes=read:org&code_challenge=${"c".repeat(43)}&code_challenge_method=s256`,
      );
      expect(`${gh.origin}${gh.pathname}`).toBe("https://github.com/login/oauth/authorize");
      expect(gh.searchParams.get("client_id")).toBe("gh-id");
      expect(gh.searchParams.get("redirect_uri")).toBe(`${real.url}/auth/v1/callback`);
      expect(gh.searchParams.get("scope")).toBe("user:email read:org");
      expect(gh.searchParams.get("state")).toMatch(/^[0-9a-f-]{36}$/);
      expect(gh.searchParams.get("code_challenge")).toBeNull();

      const g = await location(`${real.url}/auth/v1/authorize?provider=google&access_type=offline`);
      expect(`${g.origin}${g.pathname}`).toBe("https://accounts.google.com/o/oauth2/v2/auth");
      expect(g.searchParams.get("code_challenge_method")).toBe("S256");
      expect(g.searchParams.get("access_type")).toBe("offline");

      const skip = await fetch(
        `${real.url}/auth/v1/authorize?provider=github&skip_http_redirect=true`,
      );
      expect(skip.status).toBe(200);
      expect((await skip.json()).url).toMatch(/^https:\/\/github\.com\/login\/oauth\/authorize\?/);
    } finally {
      await real.close();
    }
  });
});
