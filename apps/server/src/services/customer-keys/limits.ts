import type { FieldError, Region } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq, inArray } from "drizzle-orm";
import { ValidationError } from "../../errors.ts";
import type { Tx } from "../context.ts";

export interface KeyLimits {
  name?: string | null;
  models?: string[] | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  monthlyTokenBudget?: number | null;
  regions?: Region[] | null;
  dataResidency?: string[] | null;
}

/**
 * A key may narrow its customer's placement, never widen it, and may only list models that
 * exist in the org's catalogue: each violation is a 400 naming the entry.
 */
export async function checkKeyLimits(
  tx: Tx,
  orgId: string,
  customer: { allowedRegions: Region[]; dataResidency: string[] | null },
  limits: KeyLimits,
): Promise<void> {
  const errors: FieldError[] = [];
  limits.regions?.forEach((r, i) => {
    if (!customer.allowedRegions.includes(r)) {
      errors.push({ path: `regions.${i}`, message: `The customer is not allowed in ${r}` });
    }
  });
  const residency = customer.dataResidency;
  if (residency) {
    limits.dataResidency?.forEach((c, i) => {
      if (!residency.includes(c)) {
        errors.push({
          path: `dataResidency.${i}`,
          message: `Outside the customer's residency (${c})`,
        });
      }
    });
  }
  if (limits.models && limits.models.length > 0) {
    const m = schema.models;
    const known = await tx
      .select({ publicId: m.publicId })
      .from(m)
      .where(and(eq(m.orgId, orgId), inArray(m.publicId, limits.models)));
    const ids = new Set(known.map((k) => k.publicId));
    limits.models.forEach((id, i) => {
      if (!ids.has(id))
        errors.push({ path: `models.${i}`, message: `No model ${id} in the catalogue` });
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}
