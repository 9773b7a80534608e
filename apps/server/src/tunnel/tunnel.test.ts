import { startReferenceUpstream } from "@edgeplane/reference-upstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyedNode } from "../routes/agent/telemetry-kit.ts";
import { TunnelError, type TunnelResponse } from "./registry.ts";
import {
  chat,
  direct,
  normalize,
  type RunningAgent,
  startTestbed,
  type Testbed,
  until,
} from "./test-kit.ts";

let t: Testbed;
let node: KeyedNode;
let agent: RunningAgent;

beforeAll(async () => {
  // Long natural completions; requests that want a short one pass max_tokens.
  t = await startTestbed({
    upstream: {
      completionTokens: 20_000,
      models: [{ id: "edgeplane/reference-chat", kind: "chat", maxModelLen: 1_000_000 }],
    },
  });
  node = await t.node();
  agent = t.agent(node);
  await until(() => t.hub().isConnected(node.nodeId), "the agent's tunnel");
});
afterAll(() => t.close());

function send(body: Uint8Array, signal = new AbortController().signal, nodeId = node.nodeId) {
  return t.hub().request(nodeId, {
    method: "POST",
    path: "/chat/completions",
    headers: { "content-type": "application/json", accept: "*/*" },
    body,
    signal,
  });
}

const text = (res: TunnelResponse) => new Response(res.body).text();

describe("gateway requests through the agent tunnel", () => {
  it("answers a chat completion exactly as the upstream does", async () => {
    const body = chat("What is an edge site?");
    const res = await send(body);
    const expected = await direct(t.upstream, body);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe(expected.headers.get("content-type"));
    const got = await text(res);
    expect(normalize(got)).toBe(normalize(await expected.text()));
    expect(JSON.parse(got)).toMatchObject({ object: "chat.completion" });
  });

  it("streams a chat completion event for event, ending in [DONE]", async () => {
    const body = chat("Stream me a haiku", {
      stream: true,
      stream_options: { include_usage: true },
    });
    const res = await send(body);
    expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
    const got = await text(res);
    expect(got.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(normalize(got)).toBe(normalize(await (await direct(t.upstream, body)).text()));
  });

  it("passes upstream errors through as responses", async () => {
    const res = await send(chat("hi", { model: "no-such-model" }));
    expect(res.status).toBe(404);
    expect(JSON.parse(await text(res))).toMatchObject({ error: { param: "model" } });
  });

  it("multiplexes 50 concurrent streams over one tunnel", async () => {
    const connects = agent.client.stats().connects;
    const prompts = Array.from({ length: 50 }, (_, i) => `prompt number ${i}`);
    const results = await Promise.all(
      prompts.map(async (p) => {
        const body = chat(p, { stream: true, max_tokens: 40 + (p.length % 7) });
        return { body, got: await text(await send(body)) };
      }),
    );
    for (const { body, got } of results) {
      expect(normalize(got)).toBe(normalize(await (await direct(t.upstream, body)).text()));
    }
    expect(new Set(results.map((r) => r.got)).size).toBe(50);
    expect(agent.client.stats().connects).toBe(connects);
    expect(t.hub().outstanding(node.nodeId)).toBe(0);
  });

  it("cancels the upstream request when the caller aborts mid-stream", async () => {
    const before = t.upstream.stats().cancelled;
    const abort = new AbortController();
    const res = await send(
      chat("a long story", { stream: true, max_tokens: 20_000 }),
      abort.signal,
    );
    const reader = res.body.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^data: /);
    abort.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    await until(() => t.upstream.stats().cancelled > before, "the upstream to count a cancel");
    await until(() => t.hub().outstanding(node.nodeId) === 0, "the stream to be released");
  });

  it("stops reading the upstream while the caller does not read (bounded buffers)", async () => {
    const before = agent.client.stats().bytesFromUpstream;
    const res = await send(chat("the longest answer", { stream: true, max_tokens: 20_000 }));
    await until(() => agent.client.stats().streamsAwaitingCredit === 1, "the window to fill");
    const stalled = agent.client.stats();
    const window = 256 * 1024;
    const chunkCeiling = 256 * 1024;
    expect(stalled.bytesFromUpstream - before).toBeLessThanOrEqual(window + chunkCeiling);
    expect(stalled.bufferedBytes).toBeLessThanOrEqual(chunkCeiling);
    expect(stalled.peakPendingBytes).toBeLessThanOrEqual(chunkCeiling);
    // The upstream is still generating: it is held back, not finished.
    expect(t.upstream.stats().running).toBeGreaterThan(0);
    const got = await text(res);
    expect(got.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(got.length).toBeGreaterThan(4 * window);
    expect(agent.client.stats().bytesFromUpstream - stalled.bytesFromUpstream).toBeGreaterThan(
      3 * window,
    );
  });

  it("sends request bodies larger than the window within credits", async () => {
    const big = "x".repeat(700 * 1024);
    const body = chat(big, { max_tokens: 4 });
    const res = await send(body);
    expect(res.status).toBe(200);
    expect(normalize(await text(res))).toBe(
      normalize(await (await direct(t.upstream, body)).text()),
    );
  });

  it("fails before the response when the upstream refuses connections", async () => {
    const gone = await startReferenceUpstream();
    await gone.close();
    const other = await t.node();
    t.agent(other, { upstream: gone.url });
    await until(() => t.hub().isConnected(other.nodeId), "the second tunnel");
    const err = await send(chat("anyone?"), undefined, other.nodeId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TunnelError);
    expect(err).toMatchObject({ kind: "upstream_unreachable", beforeResponse: true });
  });

  it("resets the stream when the upstream breaks off mid-body", async () => {
    const flaky = await startReferenceUpstream({ midStreamFailureRate: 1, completionTokens: 400 });
    try {
      const other = await t.node();
      t.agent(other, { upstream: flaky.url });
      await until(() => t.hub().isConnected(other.nodeId), "the flaky node's tunnel");
      const res = await send(chat("cut me off", { stream: true }), undefined, other.nodeId);
      expect(res.status).toBe(200);
      const err = await text(res).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TunnelError);
      expect(err).toMatchObject({ kind: "stream_reset", beforeResponse: false });
    } finally {
      await flaky.close();
    }
  });

  it("refuses paths that would leave the upstream, without dialing anything", async () => {
    const before = t.upstream.stats().requests;
    for (const path of ["/../metrics", "/%2e%2e/health", "//evil.example/v1", "/a\\b"]) {
      const err = await t
        .hub()
        .request(node.nodeId, {
          method: "GET",
          path,
          headers: {},
          body: null,
          signal: new AbortController().signal,
        })
        .catch((e: unknown) => e);
      expect(err, path).toBeInstanceOf(TunnelError);
      expect(err, path).toMatchObject({ kind: "connect_failed", beforeResponse: true });
    }
    expect(t.upstream.stats().requests).toBe(before);
  });

  it("answers not_connected for a node without a tunnel", async () => {
    const err = await send(chat("hello"), undefined, "node_missing").catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "not_connected", beforeResponse: true });
  });

  it("counts tunnels, streams, frames and bytes on /metrics", async () => {
    const text = await t.server().deps.metrics.registry.metrics();
    expect(text).toMatch(/^edgeplane_tunnels_connected [1-9]/m);
    expect(text).toMatch(/^edgeplane_tunnel_streams_open 0$/m);
    expect(text).toMatch(/^edgeplane_tunnel_frames_total\{direction="in"\} [1-9]/m);
    expect(text).toMatch(/^edgeplane_tunnel_bytes_total\{direction="out"\} [1-9]/m);
  });
});
