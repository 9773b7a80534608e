import type { CustomerKeyState, Region } from "@edgeplane/contracts";
import type { schema } from "@edgeplane/db";

type KeyRow = typeof schema.customerKeys.$inferSelect;

/** A customer key as lists show it: never the secret, never the hash. */
export interface CustomerKeyView {
  id: string;
  customerId: string;
  customer: { id: string; name: string };
  name: string | null;
  start: string;
  state: CustomerKeyState;
  models: string[] | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  monthlyTokenBudget: number | null;
  regions: Region[] | null;
  dataResidency: string[] | null;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  replacedById: string | null;
}

export function customerKeyState(row: KeyRow, now = Date.now()): CustomerKeyState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now) return "expired";
  return "active";
}

export function customerKeyView(
  row: KeyRow,
  customer: { id: string; name: string },
): CustomerKeyView {
  return {
    id: row.id,
    customerId: row.customerId,
    customer,
    name: row.name,
    start: row.start,
    state: customerKeyState(row),
    models: row.models,
    rpmLimit: row.rpmLimit,
    tpmLimit: row.tpmLimit,
    monthlyTokenBudget: row.monthlyTokenBudget,
    regions: row.regions,
    dataResidency: row.dataResidency,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    replacedById: row.replacedById,
  };
}
