import type { UpdateCustomerInput } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { evictCustomerKeys } from "../../keys/customer-verifier.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { activeKeyCounts } from "./key-counts.ts";
import { type CustomerView, customerView } from "./views.ts";

/** Changes a customer; its keys see new regions, residency, tier or status within a second. */
export async function updateCustomer({
  ctx,
  access,
  customerId,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  customerId: string;
  input: UpdateCustomerInput;
}): Promise<CustomerView> {
  const view = await ctx.db.transaction(async (tx) => {
    const c = schema.customers;
    const where = and(eq(c.orgId, access.orgId), eq(c.id, customerId));
    const [before] = await tx.select().from(c).where(where).for("update");
    if (!before) throw new NotFoundError("Customer");
    const [after] = await tx
      .update(c)
      .set({ ...input, updatedAt: new Date() })
      .where(where)
      .returning();
    if (!after) throw new NotFoundError("Customer");
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(input) as (keyof UpdateCustomerInput)[]) {
      const from = before[key];
      const to = after[key];
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
    }
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "customer.updated",
      targetType: "customer",
      targetId: customerId,
      details: { changes },
    });
    const keys = await activeKeyCounts(tx, access.orgId, [customerId]);
    return customerView(after, keys.get(customerId) ?? 0);
  });
  evictCustomerKeys(ctx.db, { customerId });
  return view;
}
