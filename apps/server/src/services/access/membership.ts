import { can, type Permission, type Role } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import type { Db } from "../context.ts";

/**
 * The access rule of every org-scoped request: a non-member is told the org does not exist
 * (404, never 403, so ids cannot be probed); a member without the permission gets 403.
 */
export async function authorize(
  db: Db,
  userId: string,
  orgId: string,
  permission: Permission,
): Promise<{ orgId: string; role: Role }> {
  const [row] = await db
    .select({ role: schema.memberships.role })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.orgId, orgId), eq(schema.memberships.userId, userId)))
    .limit(1);
  if (!row) throw new NotFoundError("Organization");
  if (!can(row.role, permission)) {
    throw new ForbiddenError(`The ${row.role} role cannot do this (needs ${permission})`);
  }
  return { orgId, role: row.role };
}
