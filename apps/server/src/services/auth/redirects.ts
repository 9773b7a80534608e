import { type Config, dashboardOrigins } from "../../config.ts";
import type { AuthError } from "./errors.ts";

/**
 * `redirect_to` is honoured only on our own origin (PUBLIC_URL, or its loopback aliases);
 * anything else, or nothing, becomes the site URL, as GoTrue does outside its allow-list.
 */
export function resolveRedirect(config: Config, raw: string | null | undefined): string {
  const site = new URL(config.publicUrl);
  if (raw) {
    try {
      const url = new URL(raw);
      if (dashboardOrigins(config).includes(url.origin)) return url.toString();
    } catch {
      // not a URL: fall through to the site URL
    }
  }
  return site.toString();
}

export function withQuery(target: string, params: URLSearchParams): string {
  const url = new URL(target);
  for (const [k, v] of params) url.searchParams.set(k, v);
  return url.toString();
}

export function withFragment(target: string, params: URLSearchParams): string {
  const url = new URL(target);
  url.hash = params.toString();
  return url.toString();
}

/** GoTrue's OAuth-style `error` word for an HTTP status. */
function oauthError(status: number): string {
  if (status >= 500) return "server_error";
  if (status === 401) return "unauthorized_client";
  if (status === 403) return "access_denied";
  return "invalid_request";
}

/** The error as redirect parameters: always in the fragment, in the query too when asked. */
export function errorRedirect(
  target: string,
  err: Pick<AuthError, "status" | "code" | "message">,
  opts: { query: boolean },
): string {
  const params = new URLSearchParams({
    error: oauthError(err.status),
    error_code: err.code,
    error_description: err.message,
  });
  const withErr = opts.query ? withQuery(target, params) : target;
  params.set("sb", "");
  return withFragment(withErr, params);
}
