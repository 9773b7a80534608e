import type { UpdateCustomerKeyInput } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { evictCustomerKeys } from "../../keys/customer-verifier.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { findCustomer } from "../customers/get.ts";
import { checkKeyLimits } from "./limits.ts";
import { type CustomerKeyView, customerKeyView } from "./views.ts";

/** Changes a key's name, model allow-list, limits or placement; applies within a second. */
export async function updateCustomerKey({
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
  input: UpdateCustomerKeyInput;
}): Promise<CustomerKeyView> {
  const view = await ctx.db.transaction(async (tx) => {
    const k = schema.customerKeys;
    const where = and(eq(k.orgId, access.orgId), eq(k.customerId, customerId), eq(k.id, keyId));
    const [before] = await tx.select().from(k).where(where).for("update");
    if (!before) throw new NotFoundError("Customer key");
    const customer = await findCustomer(tx, access.orgId, customerId);
    await checkKeyLimits(tx, access.orgId, customer, input);
    const [after] = await tx
      .update(k)
      .set({ ...input, updatedAt: new Date() })
      .where(where)
      .returning();
    if (!after) throw new NotFoundError("Customer key");
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(input) as (keyof UpdateCustomerKeyInput)[]) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
        changes[key] = { from: before[key], to: after[key] };
      }
    }
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "customer_key.updated",
      targetType: "customer_key",
      targetId: keyId,
      details: { customerId, start: after.start, changes },
    });
    return customerKeyView(after, { id: customer.id, name: customer.name });
  });
  evictCustomerKeys(ctx.db, { keyIds: [keyId] });
  return view;
}
