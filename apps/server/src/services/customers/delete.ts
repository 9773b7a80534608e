import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { evictCustomerKeys } from "../../keys/customer-verifier.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";

/** Deletes a customer and its keys at once; its usage history stays for billing. */
export async function deleteCustomer({
  ctx,
  access,
  customerId,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  customerId: string;
}): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const c = schema.customers;
    const [row] = await tx
      .delete(c)
      .where(and(eq(c.orgId, access.orgId), eq(c.id, customerId)))
      .returning({ id: c.id, name: c.name });
    if (!row) throw new NotFoundError("Customer");
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "customer.deleted",
      targetType: "customer",
      targetId: customerId,
      details: { name: row.name },
    });
  });
  evictCustomerKeys(ctx.db, { customerId });
}
