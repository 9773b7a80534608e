import { schema } from "@edgeplane/db";
import { and, eq, ne } from "drizzle-orm";
import type { AuthCtx } from "./context.ts";

export type SignOutScope = "global" | "local" | "others";

/**
 * POST /logout: deletes sessions (their refresh tokens go with them). Access tokens already
 * issued stay valid by signature until they expire, but the API's session check refuses them.
 */
export async function signOut({
  ctx,
  input,
}: {
  ctx: AuthCtx;
  input: { userId: string; sessionId: string; scope: SignOutScope };
}): Promise<void> {
  const s = schema.authSessions;
  const where =
    input.scope === "local"
      ? and(eq(s.userId, input.userId), eq(s.id, input.sessionId))
      : input.scope === "others"
        ? and(eq(s.userId, input.userId), ne(s.id, input.sessionId))
        : eq(s.userId, input.userId);
  const gone = await ctx.db.delete(s).where(where).returning({ id: s.id });
  ctx.log.info(
    { userId: input.userId, scope: input.scope, sessions: gone.length },
    "auth: signed out",
  );
}
