import { newId } from "@edgeplane/contracts";
import { type Db, schema } from "@edgeplane/db";

/** One org, one site and one node written straight to the database: the fixture of key benches. */
export async function seedBenchNode(
  db: Db,
  node: { status?: "pending" | "online" } = {},
): Promise<{ orgId: string; siteId: string; nodeId: string }> {
  const orgId = newId("org");
  const siteId = newId("site");
  const nodeId = newId("node");
  await db
    .insert(schema.organizations)
    .values({ id: orgId, name: "Bench", slug: orgId.toLowerCase(), useCase: "evaluation" });
  await db.insert(schema.sites).values({
    id: siteId,
    orgId,
    name: "Bench site",
    city: "Nairobi",
    country: "KE",
    region: "africa",
    powerCapacityKw: 100,
    siteType: "edge_room",
    connectivityTier: "tier_3",
  });
  await db.insert(schema.nodes).values({
    id: nodeId,
    orgId,
    siteId,
    name: "bench-node",
    externalId: "bench-1",
    acceleratorType: "nvidia-l4",
    gpuCount: 1,
    powerDrawW: 200,
    status: node.status ?? "pending",
  });
  return { orgId, siteId, nodeId };
}
