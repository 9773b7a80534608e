import type { TokenVerifier, VerifiedToken } from "../../auth/verify.ts";
import { UnauthorizedError } from "../../errors.ts";
import type { Db } from "../context.ts";
import { AuthError } from "./errors.ts";
import { isSessionActive } from "./sessions.ts";
import { loadUser, toUserJson, type UserJson } from "./user-json.ts";

/**
 * The bearer of /user and /logout, checked by the API's own verifier (one path for both
 * modes), then GoTrue's answers: 401 no_authorization, 403 bad_jwt, user_not_found,
 * session_not_found (on which supabase-js wipes its local session).
 */
export async function authenticate(
  db: Db,
  verifier: TokenVerifier,
  authorization: string | undefined,
): Promise<{ token: VerifiedToken; user: UserJson }> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) {
    throw new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token");
  }
  let token: VerifiedToken;
  try {
    token = await verifier.verify(match[1]);
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) throw err;
    throw new AuthError(403, "bad_jwt", `invalid JWT: ${err.message}`);
  }
  const found = await loadUser(db, token.userId);
  if (!found) {
    throw new AuthError(403, "user_not_found", "User from sub claim in JWT does not exist");
  }
  if (!(await isSessionActive(db, token.sessionId, token.userId))) {
    throw new AuthError(
      403,
      "session_not_found",
      "Session from session_id claim in JWT does not exist",
    );
  }
  return { token, user: toUserJson(found.user, found.identities) };
}
