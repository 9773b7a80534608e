import { AuthApiError, AuthRetryableFetchError } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";
import { authErrorMessage, callbackErrorFromUrl, expiredLinkMessage } from "./auth-messages.ts";

describe("callbackErrorFromUrl", () => {
  it("explains an expired or used magic link, from the fragment or the PKCE query", () => {
    const fragment =
      "http://127.0.0.1:3000/login#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired&sb=";
    const query =
      "http://127.0.0.1:3000/login?error=access_denied&error_code=otp_expired&error_description=x";
    expect(callbackErrorFromUrl(fragment)).toBe(expiredLinkMessage);
    expect(callbackErrorFromUrl(query)).toBe(expiredLinkMessage);
    expect(expiredLinkMessage).toBe(
      "This sign-in link has expired or was already used. Send a new one.",
    );
  });

  it("passes on the description of an error it has no words for", () => {
    const url = "http://localhost/login#error=server_error&error_description=Provider+is+down";
    expect(callbackErrorFromUrl(url)).toBe("Sign-in did not complete: Provider is down.");
  });

  it("finds nothing in an ordinary URL", () => {
    expect(callbackErrorFromUrl("http://localhost/login")).toBeNull();
    expect(callbackErrorFromUrl("http://localhost/login?code=abc")).toBeNull();
  });
});

describe("authErrorMessage", () => {
  it("asks to wait a minute when the server limits sign-in e-mails", () => {
    const err = new AuthApiError("rate limited", 429, "over_email_send_rate_limit");
    expect(authErrorMessage(err)).toContain("wait a minute");
  });

  it("says a wrong or expired code is wrong or expired", () => {
    const err = new AuthApiError("Token has expired or is invalid", 403, "otp_expired");
    expect(authErrorMessage(err)).toMatch(/code is wrong or has expired/);
  });

  it("tells an unreachable auth server apart from a refusal", () => {
    const err = new AuthRetryableFetchError("fetch failed", 0);
    expect(authErrorMessage(err)).toMatch(/did not answer/);
  });

  it("falls back to the server's message for codes it does not know", () => {
    expect(authErrorMessage(new AuthApiError("Odd failure", 400, "something_new"))).toBe(
      "Odd failure",
    );
  });
});
