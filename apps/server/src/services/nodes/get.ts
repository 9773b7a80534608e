import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { Db } from "../context.ts";
import { type NodeView, nodeView } from "./views.ts";

/** One node of the org; another org's node is 404. */
export async function getNode(db: Db, orgId: string, nodeId: string): Promise<NodeView> {
  const n = schema.nodes;
  const [row] = await db
    .select({ node: n, siteName: schema.sites.name })
    .from(n)
    .innerJoin(schema.sites, eq(schema.sites.id, n.siteId))
    .where(and(eq(n.orgId, orgId), eq(n.id, nodeId)))
    .limit(1);
  if (!row) throw new NotFoundError("Node");
  return nodeView(row.node, row.siteName);
}
