/** GoTrue's error codes that this server answers with (a subset of supabase/auth apierrors). */
export type AuthErrorCode =
  | "bad_json"
  | "validation_failed"
  | "otp_disabled"
  | "otp_expired"
  | "email_provider_disabled"
  | "over_email_send_rate_limit"
  | "over_request_rate_limit"
  | "flow_state_not_found"
  | "flow_state_expired"
  | "bad_code_verifier"
  | "refresh_token_not_found"
  | "refresh_token_already_used"
  | "session_not_found"
  | "session_expired"
  | "user_banned"
  | "user_not_found"
  | "no_authorization"
  | "bad_jwt"
  | "bad_oauth_state"
  | "bad_oauth_callback"
  | "provider_email_needs_verification"
  | "not_found"
  | "unexpected_failure";

/** An error of the /auth/v1 surface, rendered as GoTrue's `{code, message}`. */
export class AuthError extends Error {
  readonly status: number;
  readonly code: AuthErrorCode;
  constructor(
    status: number,
    code: AuthErrorCode,
    message: string,
    opts: { cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.status = status;
    this.code = code;
  }
}

export const otpExpired = () =>
  new AuthError(403, "otp_expired", "Token has expired or is invalid");

export const invalid = (message: string) => new AuthError(400, "validation_failed", message);
