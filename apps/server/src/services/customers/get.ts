import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { Db, Tx } from "../context.ts";
import { activeKeyCounts } from "./key-counts.ts";
import { type CustomerView, customerView } from "./views.ts";

export async function findCustomer(db: Db | Tx, orgId: string, customerId: string) {
  const c = schema.customers;
  const [row] = await db
    .select()
    .from(c)
    .where(and(eq(c.orgId, orgId), eq(c.id, customerId)))
    .limit(1);
  if (!row) throw new NotFoundError("Customer");
  return row;
}

export async function getCustomer(
  db: Db,
  orgId: string,
  customerId: string,
): Promise<CustomerView> {
  const row = await findCustomer(db, orgId, customerId);
  const counts = await activeKeyCounts(db, orgId, [row.id]);
  return customerView(row, counts.get(row.id) ?? 0);
}
