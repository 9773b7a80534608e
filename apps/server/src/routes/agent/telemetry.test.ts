import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/harness.ts";
import { problemPaths } from "../api/sites/fixtures.ts";
import { batch, gpu, inference, keyedNode, postTelemetry, sample, send } from "./telemetry-kit.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const db = () => h.deps.database.db;
async function storedSeqs(nodeId: string): Promise<number[]> {
  const rows = await db()
    .select({ seq: schema.telemetrySamples.seq })
    .from(schema.telemetrySamples)
    .where(eq(schema.telemetrySamples.nodeId, nodeId))
    .orderBy(schema.telemetrySamples.seq);
  return rows.map((r) => r.seq);
}

describe("POST /api/agent/v1/telemetry: happy path", () => {
  it("stores samples, keeps the latest state, and moves the node from pending to online", async () => {
    const node = await keyedNode(h);
    const now = Date.now();
    const ack = await send(h, node, [
      sample(100, now - 20_000),
      sample(101, now - 10_000),
      sample(102, now),
    ]);
    expect(ack).toEqual({ accepted: 3, duplicates: 0, lastSeq: 102 });
    expect(await storedSeqs(node.nodeId)).toEqual([100, 101, 102]);

    const [raw] = await db()
      .select()
      .from(schema.telemetrySamples)
      .where(eq(schema.telemetrySamples.seq, 102));
    expect(raw).toMatchObject({
      gpuUtil: 50,
      gpuMemUsed: 40_000,
      gpuTemp: 60,
      power: 500,
      tokensPerSecond: 120,
      queueDepth: 1,
    });

    const [latest] = await db()
      .select()
      .from(schema.nodeTelemetry)
      .where(eq(schema.nodeTelemetry.nodeId, node.nodeId));
    expect(latest).toMatchObject({
      lastSeq: 102,
      hostname: "gpu-host-01",
      gpuCount: 2,
      models: ["llama-3.1-8b-instruct"],
    });

    const res = await h.request(`${node.t.base}/nodes/${node.nodeId}`, { as: node.t.owner });
    const view = await res.json();
    expect(view.status).toBe("online");
    expect(view.lastSeenAt).not.toBeNull();
  });

  it("never moves the latest state back when an older batch arrives late", async () => {
    const node = await keyedNode(h);
    const now = Date.now();
    await send(h, node, [sample(10, now, { gpus: [gpu(0, { temperatureC: 77 })] })]);
    const ack = await send(h, node, [
      sample(5, now - 50_000, { gpus: [gpu(0, { temperatureC: 40 })] }),
    ]);
    expect(ack).toEqual({ accepted: 1, duplicates: 0, lastSeq: 10 });
    const [latest] = await db()
      .select()
      .from(schema.nodeTelemetry)
      .where(eq(schema.nodeTelemetry.nodeId, node.nodeId));
    expect(latest?.gpuTemp).toBe(77);
    expect(latest?.lastSeq).toBe(10);
  });
});

describe("duplicates and concurrency", () => {
  it("counts a retried batch once: the retry reports duplicates", async () => {
    const node = await keyedNode(h);
    const now = Date.now();
    const samples = [sample(1, now - 2000), sample(2, now - 1000)];
    expect(await send(h, node, samples)).toEqual({ accepted: 2, duplicates: 0, lastSeq: 2 });
    expect(await send(h, node, samples)).toEqual({ accepted: 0, duplicates: 2, lastSeq: 2 });
    expect(await send(h, node, [...samples, sample(3, now)])).toEqual({
      accepted: 1,
      duplicates: 2,
      lastSeq: 3,
    });
    expect(await storedSeqs(node.nodeId)).toEqual([1, 2, 3]);
  });

  it("treats a seq repeated inside one batch as a duplicate", async () => {
    const node = await keyedNode(h);
    const now = Date.now();
    expect(await send(h, node, [sample(7, now), sample(7, now)])).toEqual({
      accepted: 1,
      duplicates: 1,
      lastSeq: 7,
    });
  });

  it("stores each sample once when concurrent requests carry the same seqs", async () => {
    const nodes = await Promise.all([keyedNode(h), keyedNode(h), keyedNode(h)]);
    const now = Date.now();
    const posts = nodes.flatMap((node) =>
      Array.from({ length: 8 }, (_, i) =>
        postTelemetry(
          h,
          node.secret,
          batch([sample(1000 + (i % 4), now - (i % 4) * 1000), sample(2000 + i, now)]),
        ),
      ),
    );
    const acks = await Promise.all(posts.map(async (p) => (await p).json()));
    for (const node of nodes) {
      expect(await storedSeqs(node.nodeId)).toEqual([
        1000,
        1001,
        1002,
        1003,
        ...Array.from({ length: 8 }, (_, i) => 2000 + i),
      ]);
    }
    const accepted = acks.reduce((n, a) => n + a.accepted, 0);
    const duplicates = acks.reduce((n, a) => n + a.duplicates, 0);
    expect(accepted).toBe(3 * 12);
    expect(accepted + duplicates).toBe(3 * 16);
  });
});

describe("validation", () => {
  it("names every invalid field with a 400", async () => {
    const node = await keyedNode(h);
    const now = Date.now();
    const cases: [unknown, string][] = [
      [{ ...batch([sample(1, now)]), agent: { ...batch([]).agent, version: "" } }, "agent.version"],
      [
        { ...batch([sample(1, now)]), agent: { ...batch([]).agent, intervalSeconds: 0 } },
        "agent.intervalSeconds",
      ],
      [
        { ...batch([sample(1, now)]), agent: { ...batch([]).agent, hostname: "bad\u0000host" } },
        "agent.hostname",
      ],
      [batch([]), "samples"],
      [batch([{ ...sample(1, now), seq: -1 }]), "samples.0.seq"],
      [batch([{ ...sample(1, now), seq: 1.5 }]), "samples.0.seq"],
      [batch([sample(1, "yesterday")]), "samples.0.at"],
      [batch([sample(1, now - 25 * 3600_000)]), "samples.0.at"],
      [batch([sample(1, now + 3600_000)]), "samples.0.at"],
      [
        batch([sample(1, now, { gpus: [gpu(0, { utilizationPct: 101 })] })]),
        "samples.0.gpus.0.utilizationPct",
      ],
      [
        batch([sample(1, now, { gpus: [gpu(0, { temperatureC: 500 })] })]),
        "samples.0.gpus.0.temperatureC",
      ],
      [
        batch([sample(1, now, { gpus: [gpu(0, { memoryUsedMiB: 1e308 })] })]),
        "samples.0.gpus.0.memoryUsedMiB",
      ],
      [batch([sample(1, now, { gpus: [gpu(0, { powerW: -3 })] })]), "samples.0.gpus.0.powerW"],
      [
        batch([sample(1, now, { gpus: [gpu(0, { name: "L40S\u0000" })] })]),
        "samples.0.gpus.0.name",
      ],
      [batch([sample(1, now, { gpus: [gpu(0, { index: 256 })] })]), "samples.0.gpus.0.index"],
      [
        batch([{ ...sample(1, now), host: { ...sample(1).host, cpuPct: 120 } }]),
        "samples.0.host.cpuPct",
      ],
      [
        batch([{ ...sample(1, now), inference: inference({ errorRatePct: -1 }) }]),
        "samples.0.inference.errorRatePct",
      ],
      [
        batch([{ ...sample(1, now), inference: inference({ models: [""] }) }]),
        "samples.0.inference.models.0",
      ],
      [
        {
          ...batch([sample(1, now)]),
          samples: [sample(1, now), { ...sample(2, now), gpus: "many" }],
        },
        "samples.1.gpus",
      ],
    ];
    for (const [body, path] of cases) {
      const res = await postTelemetry(h, node.secret, body);
      expect(res.status, path).toBe(400);
      expect(await problemPaths(res), path).toContain(path);
    }
    expect(await storedSeqs(node.nodeId)).toEqual([]);
  });

  it("answers 413 problem JSON for a body over the limit", async () => {
    const node = await keyedNode(h);
    const big = batch(
      Array.from({ length: 500 }, (_, i) =>
        sample(i, Date.now(), { gpus: Array.from({ length: 16 }, (_, g) => gpu(g)) }),
      ),
    );
    const res = await postTelemetry(h, node.secret, big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "payload_too_large", status: 413 });
    expect(await storedSeqs(node.nodeId)).toEqual([]);
  });
});

describe("authentication", () => {
  it("refuses a wrong or revoked key with 401 and stores nothing", async () => {
    const node = await keyedNode(h);
    const wrong = await postTelemetry(h, `epn_${"Z".repeat(32)}`, batch([sample(1)]));
    expect(wrong.status).toBe(401);
    await h.request(`${node.t.base}/nodes/${node.nodeId}/keys/${node.keyId}`, {
      method: "DELETE",
      as: node.t.owner,
    });
    const revoked = await postTelemetry(h, node.secret, batch([sample(1)]));
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).detail).toMatch(/revoked/);
    expect(await storedSeqs(node.nodeId)).toEqual([]);
  });
});
