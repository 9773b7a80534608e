import type { NodeKeyState } from "@edgeplane/contracts";
import type { schema } from "@edgeplane/db";

type KeyRow = typeof schema.nodeKeys.$inferSelect;

/** A node key as lists show it: never the secret, never the hash. */
export interface NodeKeyView {
  id: string;
  nodeId: string;
  node: { id: string; name: string; externalId: string };
  name: string | null;
  start: string;
  state: NodeKeyState;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  replacedById: string | null;
}

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
