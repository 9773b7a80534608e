import type { NodeKeyState, NodeKeyView } from "@edgeplane/contracts";
import type { schema } from "@edgeplane/db";

type KeyRow = typeof schema.nodeKeys.$inferSelect;

export function keyState(row: KeyRow, now = Date.now()): NodeKeyState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now) return "expired";
  return "active";
}

export function nodeKeyView(
  row: KeyRow,
  node: { id: string; name: string; externalId: string },
): NodeKeyView {
  return {
    id: row.id,
    nodeId: row.nodeId,
    node,
    name: row.name,
    start: row.start,
    state: keyState(row),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    replacedById: row.replacedById,
  };
}

export type { NodeKeyView };
