import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Who signs in at the fake provider next. */
export interface FakeAccount {
  id: string;
  login: string;
  name: string;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

export interface FakeProvider {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The account the next authorization signs in. */
  next: FakeAccount;
  /** Query parameters of the last authorization request. */
  lastAuthorize?: URLSearchParams;
  close(): Promise<void>;
}

interface Grant {
  account: FakeAccount;
  redirectUri: string;
  challenge?: string;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const token = (prefix: string) => `${prefix}${randomBytes(12).toString("hex")}`;

/**
 * A local OAuth provider speaking GitHub's wire format (/login/oauth/*, /user, /user/emails)
 * and Google's (/o/oauth2/v2/auth, /token with PKCE and an id token) on one port.
 */
export async function startFakeProvider(): Promise<FakeProvider> {
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, FakeAccount>();
  const fake: FakeProvider = {
    url: "",
    clientId: "fake-client",
    clientSecret: "fake-secret",
    next: { id: "1", login: "octo", name: "Octo Cat", emails: [] },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const basicOk = (req: IncomingMessage) =>
    req.headers.authorization ===
    `Basic ${Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString("base64")}`;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", fake.url);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (
      req.method === "GET" &&
      (url.pathname === "/login/oauth/authorize" || url.pathname === "/o/oauth2/v2/auth")
    ) {
      fake.lastAuthorize = url.searchParams;
      const code = token("code_");
      const redirectUri = url.searchParams.get("redirect_uri") ?? "";
      grants.set(code, {
        account: fake.next,
        redirectUri,
        challenge: url.searchParams.get("code_challenge") ?? undefined,
      });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (
      req.method === "POST" &&
      (url.pathname === "/login/oauth/access_token" || url.pathname === "/token")
    ) {
      const google = url.pathname === "/token";
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const grant = grants.get(form.get("code") ?? "");
      grants.delete(form.get("code") ?? "");
      const verifierOk =
        !grant?.challenge ||
        createHash("sha256")
          .update(form.get("code_verifier") ?? "")
          .digest("base64url") === grant.challenge;
      if (
        !basicOk(req) ||
        !grant ||
        grant.redirectUri !== form.get("redirect_uri") ||
        !verifierOk
      ) {
        // GitHub says so with a 200; Google with a 400.
        return json(google ? 400 : 200, {
          error: google ? "invalid_grant" : "bad_verification_code",
          error_description: "The code passed is incorrect or expired.",
        });
      }
      const access = token(google ? "ya29." : "gho_");
      tokens.set(access, grant.account);
      if (!google)
        return json(200, { access_token: access, token_type: "bearer", scope: "user:email" });
      const primary = grant.account.emails.find((e) => e.primary);
      const idToken = [
        b64({ alg: "RS256", kid: "fake", typ: "JWT" }),
        b64({
          iss: "https://accounts.google.com",
          aud: fake.clientId,
          sub: grant.account.id,
          email: primary?.email,
          email_verified: primary?.verified ?? false,
          name: grant.account.name,
          picture: "https://example.com/a.png",
          iat: Math.floor(Date.now() / 1000),
          exp: Math.floor(Date.now() / 1000) + 3600,
        }),
        "sig",
      ].join(".");
      return json(200, {
        access_token: access,
        expires_in: 3599,
        refresh_token: token("1//"),
        scope: "openid email profile",
        token_type: "Bearer",
        id_token: idToken,
      });
    }
    const account = tokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
    if (req.method === "GET" && url.pathname === "/user") {
      if (!account) return json(401, { message: "Bad credentials" });
      return json(200, {
        id: Number(account.id),
        login: account.login,
        name: account.name,
        avatar_url: "https://example.com/octo.png",
      });
    }
    if (req.method === "GET" && url.pathname === "/user/emails") {
      if (!account) return json(401, { message: "Bad credentials" });
      return json(
        200,
        account.emails.map((e) => ({ ...e, visibility: "private" })),
      );
    }
    json(404, { message: "Not Found" });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
