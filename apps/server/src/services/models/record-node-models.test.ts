import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNode, makeSite, newTenant } from "../../routes/api/sites/fixtures.ts";
import { createHarness, type Harness } from "../../testing/harness.ts";
import { loadFleet } from "../gateway/fleet.ts";
import { recordNodeModels } from "./record-node-models.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function onlineNode() {
  const t = await newTenant(h);
  const site = await makeSite(h, t, { country: "DE" });
  const node = await makeNode(h, t, site.id);
  await h.deps.database.db
    .update(schema.nodes)
    .set({ status: "online" })
    .where(eq(schema.nodes.id, node.id));
  return { t, nodeId: node.id };
}

const served = async (nodeId: string) =>
  (
    await h.deps.database.db
      .select()
      .from(schema.nodeModels)
      .where(eq(schema.nodeModels.nodeId, nodeId))
  )
    .map((r) => r.upstreamName)
    .filter((name) => name !== "")
    .sort();

describe("recordNodeModels", () => {
  it("keeps the latest list: new names stamped, dropped names removed, stale reports ignored", async () => {
    const { nodeId } = await onlineNode();
    const db = h.deps.database.db;
    await recordNodeModels(db, nodeId, ["a", "b", " b ", ""], new Date(1000));
    expect(await served(nodeId)).toEqual(["a", "b"]);
    await recordNodeModels(db, nodeId, ["b", "c"], new Date(3000));
    expect(await served(nodeId)).toEqual(["b", "c"]);
    // A batch from before the last one arrives late: it must not bring "a" back or drop "c".
    await recordNodeModels(db, nodeId, ["a"], new Date(2000));
    expect(await served(nodeId)).toEqual(["b", "c"]);
    await recordNodeModels(db, nodeId, [], new Date(4000));
    expect(await served(nodeId)).toEqual([]);
  });

  it("routing sees the table and, too, the models of the node's latest telemetry", async () => {
    const { t, nodeId } = await onlineNode();
    const db = h.deps.database.db;
    await recordNodeModels(db, nodeId, ["from-table"], new Date());
    const now = new Date();
    await db.insert(schema.nodeTelemetry).values({
      nodeId,
      orgId: t.orgId,
      lastSeq: 1,
      sampleAt: now,
      receivedAt: now,
      intervalSeconds: 15,
      agentVersion: "test",
      hostname: "gpu-1",
      simulated: false,
      noGpu: false,
      gpuCount: 1,
      queueDepth: 3,
      xids: {},
      models: ["from-telemetry"],
      gpus: [],
    });
    const [node] = await loadFleet(db, t.orgId);
    expect([...(node?.models ?? [])].sort()).toEqual(["from-table", "from-telemetry"]);
    expect(node).toMatchObject({ nodeId, country: "DE", region: "eu", queueDepth: 3 });
  });
});
