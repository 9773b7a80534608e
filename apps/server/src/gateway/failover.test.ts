import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tenant } from "../routes/api/sites/fixtures.ts";
import { chatModel, type GatewayBed, startGatewayBed, until } from "./testing/kit.ts";

/* Failover before the first byte; an OpenAI-style error event when a stream breaks mid-way. */

let bed: GatewayBed;

beforeAll(async () => {
  bed = await startGatewayBed();
});
afterAll(() => bed.close());

const hello = { model: chatModel, messages: [{ role: "user" as const, content: "hello" }] };

async function keyFor(t: Tenant) {
  return bed.key(t, (await bed.customer(t)).id);
}

describe("failover", () => {
  for (const stream of [false, true]) {
    it(`a 500 before any byte is answered by the second node (stream: ${stream})`, async () => {
      const t = await bed.tenant();
      const failing = await bed.upstream({ failureRate: 1 });
      const healthy = await bed.upstream();
      // Fresh nodes: the lower estimate makes the failing one the first choice.
      const first = await bed.node(t, { country: "KE", upstream: failing, latencyEstimateMs: 1 });
      const second = await bed.node(t, {
        country: "NG",
        upstream: healthy,
        latencyEstimateMs: 400,
      });
      const client = bed.client(await keyFor(t));
      let text = "";
      if (stream) {
        const chunks = await client.chat.completions.create({ ...hello, stream: true });
        for await (const c of chunks) text += c.choices[0]?.delta.content ?? "";
      } else {
        text = (await client.chat.completions.create(hello)).choices[0]?.message.content ?? "";
      }
      expect(text.length).toBeGreaterThan(0);
      expect(failing.stats().failed).toBe(1);
      expect(healthy.stats().completed).toBe(1);
      const events = await bed.usage(t);
      expect(events.map((e) => [e.nodeId, e.attempts, e.status])).toEqual([
        [second.nodeId, 2, 200],
      ]);
      expect(events.some((e) => e.nodeId === first.nodeId)).toBe(false);
    });
  }

  it("an unreachable upstream behind a connected agent fails over too", async () => {
    const t = await bed.tenant();
    const dead = await bed.upstream();
    const healthy = await bed.upstream();
    await bed.node(t, { country: "KE", upstream: dead, latencyEstimateMs: 1 });
    const second = await bed.node(t, { country: "KE", upstream: healthy, latencyEstimateMs: 400 });
    await dead.close();
    const answer = await bed.client(await keyFor(t)).chat.completions.create(hello);
    expect(answer.model).toBe(chatModel);
    const [event] = await bed.usage(t);
    expect(event).toMatchObject({ nodeId: second.nodeId, attempts: 2, status: 200 });
  });

  it("a JSON answer the node cuts half-way is answered by another node, not a 502", async () => {
    const t = await bed.tenant();
    const cutting = await bed.upstream({ midStreamFailureRate: 1, completionTokens: 20 });
    const healthy = await bed.upstream({ completionTokens: 20 });
    await bed.node(t, { country: "KE", upstream: cutting, latencyEstimateMs: 1 });
    const second = await bed.node(t, { country: "KE", upstream: healthy, latencyEstimateMs: 400 });
    const answer = await bed.client(await keyFor(t)).chat.completions.create(hello);
    expect(answer.usage?.completion_tokens).toBe(20);
    expect(cutting.stats().failed).toBe(1);
    const events = await bed.usage(t);
    expect(events.map((e) => [e.nodeId, e.attempts, e.status, e.outputTokens])).toEqual([
      [second.nodeId, 2, 200, 20],
    ]);
  });

  it("a node whose agent dies while it works on a JSON request: another node answers", async () => {
    const t = await bed.tenant();
    const slow = await bed.upstream({ firstTokenLatencyMs: 400 });
    const healthy = await bed.upstream();
    const dying = await bed.node(t, { country: "KE", upstream: slow, latencyEstimateMs: 1 });
    const second = await bed.node(t, { country: "KE", upstream: healthy, latencyEstimateMs: 400 });
    const pending = bed.client(await keyFor(t)).chat.completions.create(hello);
    await until(() => slow.stats().requests === 1, "the slow node to start working");
    await dying.stop();
    const answer = await pending;
    expect(answer.choices[0]?.message.content?.length).toBeGreaterThan(0);
    const [event] = await bed.usage(t);
    expect(event).toMatchObject({ nodeId: second.nodeId, attempts: 2, status: 200 });
  });

  it("when every candidate fails, the customer gets the node's 5xx in OpenAI's shape, once retried", async () => {
    const t = await bed.tenant();
    const a = await bed.upstream({ failureRate: 1 });
    const b = await bed.upstream({ failureRate: 1 });
    await bed.node(t, { country: "KE", upstream: a });
    await bed.node(t, { country: "KE", upstream: b });
    const err = await bed
      .client(await keyFor(t))
      .chat.completions.create(hello)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err).toMatchObject({ status: 500, type: "server_error" });
    expect(a.stats().failed + b.stats().failed).toBe(2);
    const [event] = await bed.usage(t);
    expect(event).toMatchObject({ status: 500, attempts: 2, inputTokens: 0, outputTokens: 0 });
  });

  it("a stream the node cuts mid-way ends with an error event, metered as incomplete", async () => {
    const t = await bed.tenant();
    const flaky = await bed.upstream({ midStreamFailureRate: 1, completionTokens: 20 });
    const n = await bed.node(t, { country: "KE", upstream: flaky });
    const stream = await bed
      .client(await keyFor(t))
      .chat.completions.create({ ...hello, stream: true });
    let received = 0;
    const err = await (async () => {
      for await (const c of stream) if (c.choices[0]?.delta.content) received++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(String((err as Error).message)).toMatch(/stopped before the answer was complete/);
    expect(received).toBe(10);
    const [event] = await bed.usage(t);
    expect(event).toMatchObject({
      nodeId: n.nodeId,
      status: 200,
      completed: false,
      estimated: true,
      errorCode: "stream_interrupted",
      outputTokens: 10,
    });
    const [daily] = await bed.h.deps.database.db
      .select()
      .from(schema.usageDaily)
      .where(eq(schema.usageDaily.orgId, t.orgId));
    expect(daily).toMatchObject({ requests: 1, errors: 1, incomplete: 1, outputTokens: 10 });
  });
});
