import { telemetryBatchSchema } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batch, type KeyedNode, keyedNode, sample } from "../../routes/agent/telemetry-kit.ts";
import { createHarness, type Harness } from "../../testing/harness.ts";
import { prepare } from "./ingest.ts";
import { rowsOf } from "./sql.ts";
import { TelemetryWriter } from "./writer.ts";

let h: Harness;
let node: KeyedNode;
beforeAll(async () => {
  h = await createHarness();
  node = await keyedNode(h);
});
afterAll(() => h.close());

const identity = (nodeId: string) => ({
  keyId: "nk_x",
  nodeId,
  orgId: node.t.orgId,
  siteId: node.siteId,
});
const prepared = (nodeId: string, seq: number) =>
  prepare(identity(nodeId), telemetryBatchSchema.parse(batch([sample(seq)])), Date.now(), {
    rollupGraceMs: 30_000,
  });

describe("the group-commit writer", () => {
  it("writes concurrent requests in one transaction and answers each after commit", async () => {
    const writer = new TelemetryWriter(h.deps.database.db, {
      groupCommitMs: 20,
      maxQueuedSamples: 1000,
    });
    const acks = await Promise.all(
      [1, 2, 3].map((seq) => writer.submit(prepared(node.nodeId, seq))),
    );
    expect(acks.map((a) => a.accepted)).toEqual([1, 1, 1]);
    expect(writer.stats.groups).toBe(1);
    expect(acks.every((a) => a.lastSeq === 3)).toBe(true);
  });

  it("fails only the request that breaks a group, and stores the rest", async () => {
    const writer = new TelemetryWriter(h.deps.database.db, {
      groupCommitMs: 20,
      maxQueuedSamples: 1000,
    });
    const results = await Promise.allSettled([
      writer.submit(prepared(node.nodeId, 10)),
      writer.submit(prepared("node_1111111111111111111111", 1)),
      writer.submit(prepared(node.nodeId, 11)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const seqs = await h.deps.database.db
      .select({ seq: schema.telemetrySamples.seq })
      .from(schema.telemetrySamples)
      .where(eq(schema.telemetrySamples.nodeId, node.nodeId));
    expect(seqs.map((s) => s.seq)).toEqual(expect.arrayContaining([10, 11]));
  });

  it("refuses beyond its queue bound, and on close writes what it accepted, then refuses", async () => {
    const writer = new TelemetryWriter(h.deps.database.db, {
      groupCommitMs: 50,
      maxQueuedSamples: 2,
    });
    const first = writer.submit(prepared(node.nodeId, 20));
    const second = writer.submit(prepared(node.nodeId, 21));
    await expect(writer.submit(prepared(node.nodeId, 22))).rejects.toThrow(/saturated/);
    await writer.close();
    expect((await first).accepted).toBe(1);
    expect((await second).accepted).toBe(1);
    await expect(writer.submit(prepared(node.nodeId, 23))).rejects.toThrow(/stopping/);
  });

  it("on PGlite, keeps the latest-state table from growing with every post", async () => {
    const nodes = await Promise.all(Array.from({ length: 20 }, () => keyedNode(h)));
    const tableBytes = async () => {
      const [row] = await rowsOf<{ n: number }>(
        h.deps.database.db,
        sql`select pg_relation_size('node_telemetry')::float8 as n`,
      );
      return row?.n ?? 0;
    };
    const growth = async (vacuumEvery: number, firstSeq: number) => {
      const writer = new TelemetryWriter(h.deps.database.db, {
        groupCommitMs: 0,
        maxQueuedSamples: 1000,
        vacuumEvery,
      });
      const before = await tableBytes();
      for (let round = 0; round < 10; round++) {
        await Promise.all(nodes.map((n) => writer.submit(prepared(n.nodeId, firstSeq + round))));
      }
      await writer.close();
      return (await tableBytes()) - before;
    };
    const unvacuumed = await growth(Number.POSITIVE_INFINITY, 100);
    expect(unvacuumed).toBeGreaterThan(0);
    expect(await growth(20, 200)).toBeLessThan(unvacuumed / 2);
  });
});
