import type { MembershipView } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../context.ts";
import { orgView } from "./views.ts";

/** The orgs a user belongs to, oldest first (the header switcher's order). */
export async function listOrgsForUser(db: Db, userId: string): Promise<MembershipView[]> {
  const rows = await db
    .select({ org: schema.organizations, role: schema.memberships.role })
    .from(schema.memberships)
    .innerJoin(schema.organizations, eq(schema.organizations.id, schema.memberships.orgId))
    .where(eq(schema.memberships.userId, userId))
    .orderBy(asc(schema.organizations.createdAt), asc(schema.organizations.id));
  return rows.map((r) => ({ org: orgView(r.org), role: r.role }));
}

export type { MembershipView };
