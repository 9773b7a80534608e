import { newId } from "@edgeplane/contracts";
import { schema, type Tx } from "@edgeplane/db";
import type { ServiceCtx } from "../context.ts";

export interface AuditEntry {
  orgId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/** Writes one audit row inside the caller's transaction: the change and its record commit together. */
export async function writeAudit(tx: Tx, ctx: ServiceCtx, entry: AuditEntry): Promise<void> {
  await tx.insert(schema.auditLog).values({
    id: newId("audit"),
    orgId: entry.orgId,
    actorId: ctx.actor.userId,
    actorEmail: ctx.actor.email,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
    requestId: ctx.requestId,
  });
}
