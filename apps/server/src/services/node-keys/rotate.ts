import type { RotateNodeKeyInput } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { replacementExpiry, rotationGrace } from "../../keys/rotation.ts";
import { evictNodeKeys } from "../../keys/verifier.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { findNode, type IssuedKey, insertKey } from "./create.ts";
import { keyState } from "./views.ts";

/**
 * Issues a new key and lets the old one work for a grace period (default 24 h) so the agent
 * can be reconfigured without downtime. The old key's expiry only ever moves earlier.
 */
export async function rotateNodeKey({
  ctx,
  access,
  nodeId,
  keyId,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  nodeId: string;
  keyId: string;
  input: RotateNodeKeyInput;
}): Promise<IssuedKey & { previous: { id: string; expiresAt: string } }> {
  const result = await ctx.db.transaction(async (tx) => {
    const k = schema.nodeKeys;
    const where = and(eq(k.orgId, access.orgId), eq(k.nodeId, nodeId), eq(k.id, keyId));
    const [old] = await tx.select().from(k).where(where).for("update");
    if (!old) throw new NotFoundError("Node key");
    const state = keyState(old);
    if (state !== "active")
      throw new ConflictError(`Only an active key can be rotated (this one is ${state})`);
    const node = await findNode(tx, access.orgId, nodeId);
    const issued = await insertKey(tx, ctx, node, {
      name: input.name ?? old.name,
      expiresAt: replacementExpiry(old.expiresAt, input.expiresAt),
    });
    const now = Date.now();
    const { graceSeconds, oldEnd } = rotationGrace(old.expiresAt, input.gracePeriodSeconds, now);
    await tx
      .update(k)
      .set({ expiresAt: oldEnd, replacedById: issued.key.id, updatedAt: new Date(now) })
      .where(where);
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "node_key.rotated",
      targetType: "node_key",
      targetId: keyId,
      details: {
        nodeId,
        start: old.start,
        newKeyId: issued.key.id,
        newStart: issued.key.start,
        gracePeriodSeconds: graceSeconds,
        oldKeyExpiresAt: oldEnd.toISOString(),
      },
    });
    return { ...issued, previous: { id: keyId, expiresAt: oldEnd.toISOString() } };
  });
  evictNodeKeys(ctx.db, { keyIds: [keyId] });
  return result;
}
