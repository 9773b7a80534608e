import { allRegions, type CreateCustomerInput, newGatewayId } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx } from "../context.ts";
import { type CustomerView, customerView } from "./views.ts";

/** Adds a customer account; regions default to all, residency to none, tiers to the lowest. */
export async function createCustomer({
  ctx,
  access,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  input: CreateCustomerInput;
}): Promise<CustomerView> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.customers)
      .values({
        id: newGatewayId("customer"),
        orgId: access.orgId,
        name: input.name,
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        supportTier: input.supportTier ?? "basic",
        slaTier: input.slaTier ?? "standard",
        allowedRegions: input.allowedRegions ?? [...allRegions],
        dataResidency: input.dataResidency ?? null,
        status: input.status ?? "active",
        notes: input.notes ?? null,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "customer.created",
      targetType: "customer",
      targetId: row.id,
      details: {
        name: row.name,
        slaTier: row.slaTier,
        allowedRegions: row.allowedRegions,
        dataResidency: row.dataResidency,
      },
    });
    return customerView(row, 0);
  });
}
