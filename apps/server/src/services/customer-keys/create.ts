import type { CreateCustomerKeyInput } from "@edgeplane/contracts";
import { newGatewayId } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import type { OrgAccess } from "../../http/env.ts";
import { generateCustomerKey } from "../../keys/secret.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx, Tx } from "../context.ts";
import { findCustomer } from "../customers/get.ts";
import { checkKeyLimits, type KeyLimits } from "./limits.ts";
import { type CustomerKeyView, customerKeyView } from "./views.ts";

export interface IssuedCustomerKey {
  key: CustomerKeyView;
  /** The only time the plaintext exists: it is not stored, logged or audited. */
  secret: string;
}

/** Inserts a new key for a customer (shared by create and rotate). */
export async function insertCustomerKey(
  tx: Tx,
  ctx: ServiceCtx,
  customer: { id: string; orgId: string; name: string },
  limits: KeyLimits & { expiresAt?: Date | null },
): Promise<IssuedCustomerKey> {
  const { secret, start, hash } = generateCustomerKey();
  const [row] = await tx
    .insert(schema.customerKeys)
    .values({
      id: newGatewayId("customerKey"),
      orgId: customer.orgId,
      customerId: customer.id,
      name: limits.name ?? null,
      start,
      hash,
      models: limits.models ?? null,
      rpmLimit: limits.rpmLimit ?? null,
      tpmLimit: limits.tpmLimit ?? null,
      monthlyTokenBudget: limits.monthlyTokenBudget ?? null,
      regions: limits.regions ?? null,
      dataResidency: limits.dataResidency ?? null,
      createdBy: ctx.actor.userId,
      expiresAt: limits.expiresAt ?? null,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return { key: customerKeyView(row, { id: customer.id, name: customer.name }), secret };
}

/** Issues a customer API key; the response carries the secret once. */
export async function createCustomerKey({
  ctx,
  access,
  customerId,
  input,
}: {
  ctx: ServiceCtx;
  access: OrgAccess;
  customerId: string;
  input: CreateCustomerKeyInput;
}): Promise<IssuedCustomerKey> {
  return ctx.db.transaction(async (tx) => {
    const customer = await findCustomer(tx, access.orgId, customerId);
    await checkKeyLimits(tx, access.orgId, customer, input);
    const { expiresAt, ...limits } = input;
    const issued = await insertCustomerKey(tx, ctx, customer, {
      ...limits,
      expiresAt: expiresAt ? new Date(expiresAt) : null,
    });
    const { key } = issued;
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: "customer_key.created",
      targetType: "customer_key",
      targetId: key.id,
      details: {
        customerId,
        start: key.start,
        name: key.name,
        models: key.models,
        rpmLimit: key.rpmLimit,
        tpmLimit: key.tpmLimit,
        monthlyTokenBudget: key.monthlyTokenBudget,
        expiresAt: key.expiresAt,
      },
    });
    return issued;
  });
}
