import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageMeter } from "../services/usage/meter.ts";
import { type UsageEvent, writeUsage } from "../services/usage/write.ts";
import { chatModel, type GatewayBed, startGatewayBed, until } from "./testing/kit.ts";

/* Each request is metered exactly once: cut streams, concurrent bursts, failed flushes. */

let bed: GatewayBed;

beforeAll(async () => {
  bed = await startGatewayBed();
});
afterAll(() => bed.close());

const hello = { model: chatModel, messages: [{ role: "user" as const, content: "hello" }] };

describe("metering", () => {
  it("a stream the customer cuts is metered for what was generated, marked incomplete", async () => {
    const t = await bed.tenant();
    const slow = await bed.upstream({ tokensPerSecond: 40, completionTokens: 200 });
    const n = await bed.node(t, { country: "KE", upstream: slow });
    const secret = await bed.key(t, (await bed.customer(t)).id);
    const stream = await bed.client(secret).chat.completions.create({ ...hello, stream: true });
    let received = 0;
    for await (const c of stream) {
      if (c.choices[0]?.delta.content) received++;
      if (received === 5) break;
    }
    // The node stops only after the gateway relayed the cancel, which it does once metered.
    await until(() => slow.stats().cancelled === 1, "the node to stop generating");
    const events = await bed.usage(t);
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e).toMatchObject({
      nodeId: n.nodeId,
      completed: false,
      estimated: true,
      errorCode: "client_closed",
    });
    expect(e?.outputTokens).toBeGreaterThanOrEqual(5);
    expect(e?.outputTokens).toBeLessThanOrEqual(slow.stats().completionTokens);
    expect(e?.inputTokens).toBeGreaterThan(0);
    const daily = await bed.h.deps.database.db
      .select()
      .from(schema.usageDaily)
      .where(eq(schema.usageDaily.orgId, t.orgId));
    expect(daily).toMatchObject([{ requests: 1, incomplete: 1, errors: 0 }]);
  });

  it("a burst of concurrent requests is metered once each, and the daily rollup agrees", async () => {
    const t = await bed.tenant();
    const upstream = await bed.upstream();
    await bed.node(t, { country: "KE", upstream });
    const client = bed.client(await bed.key(t, (await bed.customer(t)).id));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? client.chat.completions.create(hello)
          : client.chat.completions
              .create({ ...hello, stream: true, stream_options: { include_usage: true } })
              .then(async (s) => {
                let usage = null;
                for await (const c of s) usage = c.usage ?? usage;
                return { usage };
              }),
      ),
    );
    const events = await bed.usage(t);
    expect(events).toHaveLength(40);
    expect(new Set(events.map((e) => e.requestId)).size).toBe(40);
    const tokens = answers.reduce((s, a) => s + (a.usage?.total_tokens ?? 0), 0);
    const [daily] = await bed.h.deps.database.db
      .select()
      .from(schema.usageDaily)
      .where(eq(schema.usageDaily.orgId, t.orgId));
    expect(daily?.requests).toBe(40);
    expect((daily?.inputTokens ?? 0) + (daily?.outputTokens ?? 0)).toBe(tokens);
  });

  it("a flush that fails once, before or after its commit, still writes one row per request", async () => {
    const t = await bed.tenant();
    const db = bed.h.deps.database.db;
    const event = (i: number): UsageEvent => ({
      requestId: `req_flush_${t.orgId}_${i}`,
      orgId: t.orgId,
      customerId: "cus_x",
      keyId: "ck_x",
      modelId: "mdl_x",
      model: chatModel,
      upstreamModel: "up",
      endpoint: "chat",
      stream: false,
      status: 200,
      errorCode: null,
      inputTokens: 10,
      outputTokens: 5,
      completed: true,
      estimated: false,
      costUsd: 0.000001,
      attempts: 1,
      latencyMs: 3,
      overheadMs: 1,
      startedAt: new Date(),
      finishedAt: new Date(),
    });
    for (const failure of ["before commit", "after commit"] as const) {
      let calls = 0;
      const meter = new UsageMeter(async (events) => {
        calls++;
        if (calls === 1 && failure === "before commit") throw new Error("connection reset");
        const written = await writeUsage(db, events);
        if (calls === 1) throw new Error("connection reset after commit");
        return written;
      });
      const offset = failure === "before commit" ? 0 : 100;
      for (let i = 0; i < 10; i++) meter.record(event(offset + i));
      await meter.flush();
      expect(meter.buffered).toBe(10);
      expect(meter.unwrittenTokens("ck_x")).toBe(150);
      await meter.flush();
      expect(meter.buffered).toBe(0);
      expect(meter.unwrittenTokens("ck_x")).toBe(0);
      expect(calls).toBe(2);
    }
    const rows = await db
      .select()
      .from(schema.usageEvents)
      .where(eq(schema.usageEvents.orgId, t.orgId));
    expect(rows).toHaveLength(20);
    const [daily] = await db
      .select()
      .from(schema.usageDaily)
      .where(eq(schema.usageDaily.orgId, t.orgId));
    expect(daily).toMatchObject({ requests: 20, inputTokens: 200, outputTokens: 100 });
  });

  it("shutdown writes what is still buffered", async () => {
    const t = await bed.tenant();
    await bed.node(t, { country: "KE", upstream: await bed.upstream() });
    const client = bed.client(await bed.key(t, (await bed.customer(t)).id));
    await client.chat.completions.create(hello);
    expect(bed.rt.meter.buffered).toBeGreaterThan(0);
    await bed.rt.meter.close();
    const rows = await bed.h.deps.database.db
      .select()
      .from(schema.usageEvents)
      .where(eq(schema.usageEvents.orgId, t.orgId));
    expect(rows).toHaveLength(1);
  });
});
