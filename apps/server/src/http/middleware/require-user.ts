import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps.ts";
import { UnauthorizedError } from "../../errors.ts";
import { syncUser } from "../../services/users/sync.ts";
import type { AppEnv } from "../env.ts";

/** Bearer access token → verified user with a live session, or 401. */
export function requireUser(deps: Deps) {
  // Supabase mode mirrors users on first sight; remembered per process to skip the write.
  const mirrored = new Set<string>();
  return createMiddleware<AppEnv>(async function requireUser(c, next) {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new UnauthorizedError("Authorization: Bearer <access token> is required");
    const token = match[1];
    const verified = await deps.verifier.verify(token);
    await deps.sessions.check(token, verified);
    if (deps.config.authMode === "supabase" && !mirrored.has(verified.userId)) {
      await syncUser(
        deps.database.db,
        { id: verified.userId, email: verified.email },
        c.get("requestId"),
      );
      if (mirrored.size > 100_000) mirrored.clear();
      mirrored.add(verified.userId);
    }
    c.set("user", { id: verified.userId, email: verified.email, sessionId: verified.sessionId });
    await next();
  });
}
