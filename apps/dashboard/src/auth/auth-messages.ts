import { isAuthError, isAuthRetryableFetchError } from "@supabase/supabase-js";

export const expiredLinkMessage =
  "This sign-in link has expired or was already used. Send a new one.";

/** PKCE links only work in the browser that asked for them (its code verifier is there). */
export const otherBrowserMessage =
  "This link was opened in a different browser than the one that asked for it. Enter the 6-digit code from the e-mail instead, or send a new link from this browser.";

const byCode: Record<string, string> = {
  otp_expired: "That code is wrong or has expired. Check the newest e-mail, or send a new code.",
  over_email_send_rate_limit:
    "A sign-in e-mail was sent to this address moments ago. Please wait a minute before sending another.",
  over_request_rate_limit: "Too many sign-in attempts. Please wait a minute and try again.",
  otp_disabled: "This address cannot sign up on this server. Ask an administrator for access.",
  signup_disabled: "New sign-ups are turned off on this server. Ask an administrator for access.",
  email_address_invalid: "That e-mail address is not valid.",
  user_banned: "This account is blocked. Ask an administrator for help.",
  validation_failed: "The sign-in request was not accepted. Check the e-mail address.",
  flow_state_expired: expiredLinkMessage,
  flow_state_not_found: expiredLinkMessage,
  bad_code_verifier: otherBrowserMessage,
};

/** A sentence for a person, from whatever supabase-js returned. */
export function authErrorMessage(error: unknown): string {
  if (isAuthRetryableFetchError(error)) {
    return "The sign-in service did not answer. Check your connection and try again in a moment.";
  }
  if (isAuthError(error)) {
    const known = error.code ? byCode[error.code] : undefined;
    if (known) return known;
    if (error.status === 429) return "Too many attempts. Please wait a minute and try again.";
    return error.message || "Sign-in failed.";
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Errors the auth server put in the redirect: `#error=…&error_code=…&error_description=…`
 * (and in the query for PKCE). supabase-js leaves them in the URL.
 */
export function callbackErrorFromUrl(href: string): string | null {
  const url = new URL(href);
  const params = new URLSearchParams(url.hash.replace(/^#/, ""));
  for (const [k, v] of url.searchParams) params.set(k, v);
  const code = params.get("error_code");
  const description = params.get("error_description");
  if (!code && !description && !params.get("error")) return null;
  if (code === "otp_expired") return expiredLinkMessage;
  if (code && byCode[code]) return byCode[code] ?? null;
  return `Sign-in did not complete: ${description ?? params.get("error") ?? code}.`;
}

/** A PKCE `?code=` that this browser holds no verifier for: the link was opened elsewhere. */
export function strandedCodeInUrl(href: string): boolean {
  return new URL(href).searchParams.has("code");
}
