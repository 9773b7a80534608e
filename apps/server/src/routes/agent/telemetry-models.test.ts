import { telemetryBatchSchema } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare } from "../../services/telemetry/ingest.ts";
import { TelemetryWriter } from "../../services/telemetry/writer.ts";
import { createHarness, type Harness } from "../../testing/harness.ts";
import { batch, inference, type KeyedNode, keyedNode, sample, send } from "./telemetry-kit.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** node_models as the gateway reads it: the names, and when the node last reported them. */
async function served(nodeId: string) {
  await h.deps.telemetry.idle();
  const rows = await h.deps.database.db
    .select()
    .from(schema.nodeModels)
    .where(eq(schema.nodeModels.nodeId, nodeId));
  return {
    names: rows.flatMap((r) => (r.upstreamName ? [r.upstreamName] : [])).sort(),
    reportedAt: rows.find((r) => r.upstreamName === "")?.lastSeenAt.getTime() ?? null,
  };
}

const withModels = (seq: number, at: number, models: string[]) =>
  sample(seq, at, { inference: inference({ models }) });

describe("POST /api/agent/v1/telemetry: what the node serves", () => {
  let node: KeyedNode;
  const t0 = Date.now() - 60_000;

  it("records the upstream's models for the gateway", async () => {
    node = await keyedNode(h);
    await send(h, node, [withModels(1, t0, ["llama-3.1-8b", "qwen-2.5-7b"])]);
    expect(await served(node.nodeId)).toEqual({
      names: ["llama-3.1-8b", "qwen-2.5-7b"],
      reportedAt: t0,
    });
  });

  it("writes nothing while the list stays the same, in any order", async () => {
    await send(h, node, [withModels(2, t0 + 10_000, ["qwen-2.5-7b", "llama-3.1-8b"])]);
    await send(h, node, [withModels(3, t0 + 20_000, ["llama-3.1-8b", "qwen-2.5-7b"])]);
    expect((await served(node.nodeId)).reportedAt).toBe(t0);
  });

  it("follows a change, and a late older batch or a sample without inference changes nothing", async () => {
    await send(h, node, [withModels(4, t0 + 30_000, ["qwen-2.5-7b", "mistral-7b"])]);
    expect(await served(node.nodeId)).toEqual({
      names: ["mistral-7b", "qwen-2.5-7b"],
      reportedAt: t0 + 30_000,
    });
    await send(h, node, [withModels(0, t0 - 10_000, ["llama-3.1-8b"])]);
    await send(h, node, [sample(5, t0 + 40_000, { inference: null })]);
    expect((await served(node.nodeId)).names).toEqual(["mistral-7b", "qwen-2.5-7b"]);
  });

  it("uses the newest sample that scraped the upstream in a batch", async () => {
    await send(h, node, [
      withModels(6, t0 + 41_000, ["a"]),
      withModels(7, t0 + 42_000, ["b"]),
      sample(8, t0 + 43_000, { inference: null }),
    ]);
    expect(await served(node.nodeId)).toEqual({ names: ["b"], reportedAt: t0 + 42_000 });
  });

  it("after a restart, rewrites only lists that changed", async () => {
    const other = await keyedNode(h, { t: node.t, siteId: node.siteId });
    await send(h, other, [withModels(1, t0, ["x"])]);
    const restarted = new TelemetryWriter(h.deps.database.db, {
      groupCommitMs: 0,
      maxQueuedSamples: 1000,
    });
    const post = (n: KeyedNode, seq: number, at: number, models: string[]) =>
      restarted.submit(
        prepare(
          { keyId: n.keyId, nodeId: n.nodeId, orgId: n.t.orgId, siteId: n.siteId },
          telemetryBatchSchema.parse(batch([withModels(seq, at, models)])),
          Date.now(),
          { rollupGraceMs: 30_000 },
        ),
      );
    await post(node, 9, t0 + 50_000, ["b"]);
    await post(other, 2, t0 + 50_000, ["x", "y"]);
    await restarted.close();
    expect(await served(node.nodeId)).toEqual({ names: ["b"], reportedAt: t0 + 42_000 });
    expect(await served(other.nodeId)).toEqual({ names: ["x", "y"], reportedAt: t0 + 50_000 });
  });
});
