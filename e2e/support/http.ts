import { nextMail } from "./browser.ts";

/** GET /api/me with a bearer token; the caller reads status and body. */
export function getMe(baseUrl: string, accessToken: string): Promise<Response> {
  return api(baseUrl, "/api/me", accessToken);
}

/** The JSON body of a response that must have `status` (default 201), or a clear failure. */
export async function expectJson<T>(res: Promise<Response>, status = 201): Promise<T> {
  const r = await res;
  if (r.status !== status)
    throw new Error(`expected ${status}, got ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

export function api(
  baseUrl: string,
  path: string,
  accessToken: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      authorization: `Bearer ${accessToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A POST to the built-in /auth/v1 the way supabase-js sends it. */
export function authPost(
  baseUrl: string,
  path: string,
  body: unknown,
  bearer = "edgeplane-builtin",
): Promise<Response> {
  return fetch(`${baseUrl}/auth/v1${path}`, {
    method: "POST",
    headers: {
      apikey: "edgeplane-builtin",
      authorization: `Bearer ${bearer}`,
      "content-type": "application/json;charset=UTF-8",
      "x-supabase-api-version": "2024-01-01",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export interface Session {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  user: { id: string; email: string };
}

/** POST /otp, read the 6-digit code from the dev outbox, POST /verify: a session. */
export async function signInWithCode(baseUrl: string, email: string): Promise<Session> {
  const before = await fetch(`${baseUrl}/api/dev/outbox?to=${encodeURIComponent(email)}`);
  const seen = ((await before.json()) as unknown[]).length;
  const otp = await authPost(baseUrl, "/otp", { email });
  if (otp.status !== 200) throw new Error(`POST /otp answered ${otp.status}: ${await otp.text()}`);
  const mail = await nextMail(baseUrl, email, seen);
  const verify = await authPost(baseUrl, "/verify", { email, token: mail.code, type: "email" });
  if (verify.status !== 200) {
    throw new Error(`POST /verify answered ${verify.status}: ${await verify.text()}`);
  }
  return (await verify.json()) as Session;
}
