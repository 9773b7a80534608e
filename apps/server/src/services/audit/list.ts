import type { AuditView } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../context.ts";

/** Newest first, keyset-paginated by id (ids are time-sortable). */
export async function listAudit(
  db: Db,
  orgId: string,
  opts: { limit: number; before?: string },
): Promise<{ items: AuditView[]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(schema.auditLog)
    .where(
      and(
        eq(schema.auditLog.orgId, orgId),
        opts.before ? lt(schema.auditLog.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(schema.auditLog.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { id: r.actorId, email: r.actorEmail },
      action: r.action,
      target: { type: r.targetType, id: r.targetId },
      orgId: r.orgId,
      details: r.details,
      requestId: r.requestId,
    })),
    nextCursor: rows.length > opts.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export type { AuditView };
