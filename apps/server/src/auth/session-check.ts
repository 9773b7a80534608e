import type { Database } from "@edgeplane/db";
import type { Config } from "../config.ts";
import { UnauthorizedError } from "../errors.ts";
import { isSessionActive } from "../services/auth/sessions.ts";
import type { VerifiedToken } from "./verify.ts";

export interface SessionChecker {
  /** Refuses tokens whose session was signed out. */
  check(token: string, verified: VerifiedToken): Promise<void>;
}

/** Built-in mode: the session row must still exist (sign-out deletes it). */
export function builtinSessionChecker(database: Database): SessionChecker {
  return {
    async check(_token, v) {
      if (!(await isSessionActive(database.db, v.sessionId, v.userId))) {
        throw new UnauthorizedError("The session has been signed out");
      }
    },
  };
}

/**
 * Supabase mode: ask the project's /auth/v1/user, which answers 403 session_not_found for a
 * signed-out session. Answers are cached per session for `ttlMs`, so a sign-out elsewhere is
 * honoured within that time on each replica (documented in the README).
 */
export function supabaseSessionChecker(
  config: Config,
  ttlMs = 30_000,
  fetchImpl: typeof fetch = fetch,
): SessionChecker {
  const supabase = config.supabase;
  if (!supabase) throw new Error("supabase session checks need SUPABASE_URL");
  const alive = new Map<string, number>();
  return {
    async check(token, v) {
      const until = alive.get(v.sessionId);
      if (until && until > Date.now()) return;
      const res = await fetchImpl(`${supabase.url}/auth/v1/user`, {
        headers: { apikey: supabase.anonKey, authorization: `Bearer ${token}` },
      });
      if (res.status >= 500) throw new UnauthorizedError("The identity provider is unavailable");
      if (!res.ok) {
        alive.delete(v.sessionId);
        throw new UnauthorizedError("The session has been signed out");
      }
      if (alive.size > 10_000) alive.clear();
      alive.set(v.sessionId, Date.now() + ttlMs);
    },
  };
}
