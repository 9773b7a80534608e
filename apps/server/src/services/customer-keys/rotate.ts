import type { RotateCustomerKeyInput } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { evictCustomerKeys } from "../../keys/customer-verifier.ts";
import { replacementExpiry, rotationGrace } from "../../keys/rotation.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { findCustomer } from "../customers/get.ts";
import { type IssuedCustomerKey, insertCustomerKey } from "./create.ts";
import { customerKeyState } from "./views.ts";

/**
 * Issues a replacement with the same limits and expiry (unless `expiresAt` is given) and lets the old key work for a grace period
 * (default 24 h) so the customer can redeploy without downtime; the old expiry only moves earlier.
 */
export async function rotateCustomerKey({
  ctx,
  access,
  customerId,
  keyId,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  customerId: string;
  keyId: string;
  input: RotateCustomerKeyInput;
}): Promise<IssuedCustomerKey & { previous: { id: string; expiresAt: string } }> {
  const result = await ctx.db.transaction(async (tx) => {
    const k = schema.customerKeys;
    const where = and(eq(k.orgId, access.orgId), eq(k.customerId, customerId), eq(k.id, keyId));
    const [old] = await tx.select().from(k).where(where).for("update");
    if (!old) throw new NotFoundError("Customer key");
    const state = customerKeyState(old);
    if (state !== "active")
      throw new ConflictError(`Only an active key can be rotated (this one is ${state})`);
    if (old.replacedById)
      throw new ConflictError(`This key was already rotated: use ${old.replacedById}`);
    const customer = await findCustomer(tx, access.orgId, customerId);
    const issued = await insertCustomerKey(tx, ctx, customer, {
      name: old.name,
      models: old.models,
      rpmLimit: old.rpmLimit,
      tpmLimit: old.tpmLimit,
      monthlyTokenBudget: old.monthlyTokenBudget,
      regions: old.regions,
      dataResidency: old.dataResidency,
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
      action: "customer_key.rotated",
      targetType: "customer_key",
      targetId: keyId,
      details: {
        customerId,
        start: old.start,
        newKeyId: issued.key.id,
        newStart: issued.key.start,
        gracePeriodSeconds: graceSeconds,
        oldKeyExpiresAt: oldEnd.toISOString(),
      },
    });
    return { ...issued, previous: { id: keyId, expiresAt: oldEnd.toISOString() } };
  });
  evictCustomerKeys(ctx.db, { keyIds: [keyId] });
  return result;
}
