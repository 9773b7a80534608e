import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { Db } from "../context.ts";
import { type OrgView, orgView } from "./views.ts";

export async function getOrg(db: Db, orgId: string): Promise<OrgView> {
  const [row] = await db
    .select()
    .from(schema.organizations)
    .where(eq(schema.organizations.id, orgId))
    .limit(1);
  if (!row) throw new NotFoundError("Organization");
  return orgView(row);
}
