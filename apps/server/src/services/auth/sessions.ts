import { schema } from "@edgeplane/db";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "../context.ts";

export async function isSessionActive(db: Db, sessionId: string, userId: string): Promise<boolean> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(sessionId)) return false;
  const rows = await db
    .select({ id: schema.authSessions.id })
    .from(schema.authSessions)
    .where(
      and(
        eq(schema.authSessions.id, sessionId),
        eq(schema.authSessions.userId, userId),
        or(isNull(schema.authSessions.notAfter), gt(schema.authSessions.notAfter, new Date())),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
