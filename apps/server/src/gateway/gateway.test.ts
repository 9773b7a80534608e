import { chatPromptTokens, completionFor, promptText } from "@edgeplane/reference-upstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tenant } from "../routes/api/sites/fixtures.ts";
import {
  type BedNode,
  chatModel,
  embedModel,
  type GatewayBed,
  startGatewayBed,
} from "./testing/kit.ts";

/* The official openai client against a listening server, through real agent tunnels. */

let bed: GatewayBed;
let t: Tenant;
let node: BedNode;
let secret: string;

beforeAll(async () => {
  bed = await startGatewayBed();
  t = await bed.tenant();
  const upstream = await bed.upstream();
  node = await bed.node(t, { country: "KE", upstream });
  const customer = await bed.customer(t);
  secret = await bed.key(t, customer.id);
});
afterAll(() => bed.close());

const messages = [{ role: "user" as const, content: "Say hello to Nairobi" }];
const expected = completionFor("edgeplane/reference-chat", promptText(messages), {});

describe("the gateway through the openai client", () => {
  it("lists the models this key may use and that a node serves", async () => {
    const models = await bed.client(secret).models.list();
    expect(models.data.map((m) => m.id).sort()).toEqual([chatModel, embedModel]);
    expect(models.data[0]).toMatchObject({ object: "model", owned_by: "edgeplane" });
  });

  it("answers a chat completion with the public model id and the node's usage", async () => {
    const { data, response } = await bed
      .client(secret)
      .chat.completions.create({ model: chatModel, messages })
      .withResponse();
    expect(data.model).toBe(chatModel);
    expect(data.choices[0]?.message.content).toBe(expected.tokens.join(""));
    expect(data.usage).toMatchObject({
      prompt_tokens: chatPromptTokens(messages),
      completion_tokens: expected.tokens.length,
    });
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(Number(response.headers.get("x-edgeplane-overhead-ms"))).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(data)).not.toContain("edgeplane/reference-chat");
  });

  it("passes fields it does not know through to the node (vLLM's ignore_eos)", async () => {
    const params = { model: chatModel, messages, max_tokens: 70, ignore_eos: true };
    const answer = await bed.client(secret).chat.completions.create(params);
    expect(answer.usage?.completion_tokens).toBe(70);
    expect(answer.choices[0]?.finish_reason).toBe("length");
  });

  it("streams chunk by chunk; no usage chunk unless asked for", async () => {
    const { data: stream, response } = await bed
      .client(secret)
      .chat.completions.create({ model: chatModel, messages, stream: true })
      .withResponse();
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.headers.get("x-edgeplane-overhead-ms")).toMatch(/^\d+\.\d\d$/);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.model === chatModel)).toBe(true);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.every((c) => c.choices.length === 1)).toBe(true);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe(expected.tokens.join(""));
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe(expected.finishReason);
  });

  it("keeps the usage chunk when the customer asks for it", async () => {
    const stream = await bed.client(secret).chat.completions.create({
      model: chatModel,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.model).toBe(chatModel);
    expect(last?.usage).toMatchObject({
      prompt_tokens: chatPromptTokens(messages),
      completion_tokens: expected.tokens.length,
    });
    expect(chunks.filter((c) => c.usage).length).toBe(1);
  });

  it("answers embeddings (the SDK's base64 default and floats)", async () => {
    const client = bed.client(secret);
    const res = await client.embeddings.create({ model: embedModel, input: ["a", "b c"] });
    expect(res.model).toBe(embedModel);
    expect(res.data).toHaveLength(2);
    expect(res.data[0]?.embedding).toHaveLength(384);
    const floats = await client.embeddings.create({
      model: embedModel,
      input: "edge",
      encoding_format: "float",
    });
    expect(floats.data[0]?.embedding).toHaveLength(384);
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it("meters each request once, naming the node, site and country that served it", async () => {
    const events = await bed.usage(t);
    expect(events.length).toBe(6);
    for (const e of events) {
      expect(e).toMatchObject({
        nodeId: node.nodeId,
        siteId: node.siteId,
        country: "KE",
        region: "africa",
      });
      expect(e.status).toBe(200);
      expect(e.completed).toBe(true);
      expect(e.estimated).toBe(false);
    }
    const chats = events.filter((e) => e.endpoint === "chat" && e.outputTokens !== 70);
    expect(chats.map((e) => e.outputTokens)).toEqual(chats.map(() => expected.tokens.length));
    expect(chats.every((e) => e.costUsd > 0)).toBe(true);
  });

  it("meters a request per call even when the customer reuses its own x-request-id", async () => {
    const before = (await bed.usage(t)).length;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${bed.url}/api/v1/chat/completions`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${secret}`,
          "content-type": "application/json",
          "x-request-id": "client-chosen-1",
        },
        body: JSON.stringify({ model: chatModel, messages }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id")).toBe("client-chosen-1");
    }
    expect((await bed.usage(t)).length).toBe(before + 2);
  });

  it("marks every answer with its request id and an API's security headers", async () => {
    const call = (path: string, init: RequestInit = {}, key = secret) =>
      fetch(`${bed.url}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      });
    const chat = (stream: boolean) =>
      call("/chat/completions", {
        method: "POST",
        body: JSON.stringify({ model: chatModel, messages, stream }),
      });
    const answers = {
      json: await chat(false),
      stream: await chat(true),
      models: await call("/models"),
      badKey: await call("/models", {}, "epk_not-a-key"),
      unknownUrl: await call("/nowhere"),
    };
    expect(Object.values(answers).map((r) => r.status)).toEqual([200, 200, 200, 401, 404]);
    for (const [name, res] of Object.entries(answers)) {
      await res.arrayBuffer();
      expect(res.headers.get("x-request-id"), name).toMatch(/^req_/);
      expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), name).toBe("DENY");
      expect(res.headers.get("content-security-policy"), name).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
    expect(answers.json.headers.get("x-request-id")).not.toBe(
      answers.stream.headers.get("x-request-id"),
    );
    // The control plane's own answers keep the dashboard's policy.
    const health = await fetch(`${bed.url}/api/config`);
    expect(health.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(health.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("relays each token as the node produces it (no buffering on the way)", async () => {
    const paced = await bed.tenant();
    await bed.node(paced, {
      country: "KE",
      upstream: await bed.upstream({ tokensPerSecond: 20, completionTokens: 12 }),
    });
    const key = await bed.key(paced, (await bed.customer(paced)).id);
    const started = performance.now();
    const stream = await bed
      .client(key)
      .chat.completions.create({ model: chatModel, messages, stream: true });
    const arrivals: number[] = [];
    for await (const c of stream)
      if (c.choices[0]?.delta.content) arrivals.push(performance.now() - started);
    expect(arrivals).toHaveLength(12);
    // 12 tokens at 20/s: ~550 ms from first to last; a buffered relay would deliver them at once.
    expect(arrivals[0]).toBeLessThan(250);
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThan(400);
  });
});
