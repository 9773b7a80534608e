import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { tunnelPath } from "@edgeplane/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyedNode } from "../routes/agent/telemetry-kit.ts";
import { TunnelError } from "./registry.ts";
import { chat, startTestbed, type Testbed, until } from "./test-kit.ts";

let t: Testbed;
beforeAll(async () => {
  t = await startTestbed({
    // Short heartbeats, yet long enough that a busy test machine does not trip them.
    tunnel: { pingIntervalMs: 500, missedPongs: 2, reverifyMs: 0, maxConcurrentStreams: 2 },
    upstream: { completionTokens: 20_000 },
  });
});
afterAll(() => t.close());

/** An upgrade request by hand, to see the status a WebSocket client does not expose. */
function upgrade(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = httpRequest(`${t.url}${path}`, {
        headers: {
          connection: "Upgrade",
          upgrade: "websocket",
          "sec-websocket-key": randomBytes(16).toString("base64"),
          "sec-websocket-version": "13",
          ...headers,
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (d: Buffer) => {
          body += d.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on("upgrade", (res, socket) => {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, body: "", headers: res.headers });
      });
      req.on("error", reject);
      req.end();
    },
  );
}

const RawWebSocket = WebSocket as unknown as new (
  url: string,
  init: { headers: Record<string, string> },
) => WebSocket;

/** A client that holds a tunnel open with a valid key but speaks no further. */
function rawTunnel(node: KeyedNode) {
  const ws = new RawWebSocket(`${t.url.replace("http", "ws")}${tunnelPath}`, {
    headers: { authorization: `Bearer ${node.secret}` },
  });
  ws.binaryType = "arraybuffer";
  const closed = new Promise<number>((resolve) => {
    ws.onclose = (ev) => resolve(ev.code);
  });
  return { ws, closed };
}

const revoke = (node: KeyedNode) =>
  t.h.request(`${node.t.base}/nodes/${node.nodeId}/keys/${node.keyId}`, {
    method: "DELETE",
    as: node.t.owner,
  });

const send = (nodeId: string, body: Uint8Array, signal = new AbortController().signal) =>
  t.hub().request(nodeId, {
    method: "POST",
    path: "/chat/completions",
    headers: { "content-type": "application/json" },
    body,
    signal,
  });

describe("agent tunnel lifecycle", () => {
  it("refuses an upgrade without a valid node key with 401 problem JSON, before upgrading", async () => {
    const node = await t.node();
    for (const authorization of [undefined, "Bearer epn_short", `Bearer ${node.secret}x`]) {
      const res = await upgrade(tunnelPath, authorization ? { authorization } : {});
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers["content-type"]).toBe("application/problem+json");
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(JSON.parse(res.body)).toMatchObject({ code: "unauthorized", status: 401 });
    }
    const wrongPath = await upgrade("/api/agent/v1/other", {
      authorization: `Bearer ${node.secret}`,
    });
    expect(wrongPath.status).toBe(404);
    expect((await upgrade(tunnelPath, { authorization: `Bearer ${node.secret}` })).status).toBe(
      101,
    );
  });

  it("refuses a revoked key with 401, and the agent stops instead of retrying", async () => {
    const node = await t.node();
    expect((await revoke(node)).status).toBe(204);
    const res = await upgrade(tunnelPath, { authorization: `Bearer ${node.secret}` });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).detail).toMatch(/revoked/);
    const exit = await t.agent(node).exit;
    expect(exit).toMatchObject({ reason: "unauthorized" });
    expect(exit.reason === "unauthorized" && exit.message).toMatch(/revoked/);
    expect(t.hub().isConnected(node.nodeId)).toBe(false);
  });

  it("closes the tunnel of a key revoked while connected, and the agent stops", async () => {
    const node = await t.node();
    const agent = t.agent(node);
    await until(() => t.hub().isConnected(node.nodeId), "the tunnel");
    const changes: boolean[] = [];
    const off = t.hub().onChange((id, connected) => id === node.nodeId && changes.push(connected));
    await revoke(node);
    expect(await agent.exit).toMatchObject({ reason: "unauthorized" });
    off();
    expect(changes).toEqual([false]);
    expect(agent.logs.some((l) => l.reason === "unauthorized")).toBe(true);
  });

  it("reconnects after the server restarts", async () => {
    const node = await t.node();
    const agent = t.agent(node);
    await until(() => t.hub().isConnected(node.nodeId), "the first tunnel");
    await t.restart();
    await until(() => t.hub().isConnected(node.nodeId), "the tunnel to the new server");
    expect(agent.client.stats().connects).toBeGreaterThanOrEqual(2);
    const res = await send(node.nodeId, chat("still there?"));
    expect(res.status).toBe(200);
    expect(JSON.parse(await new Response(res.body).text())).toMatchObject({
      object: "chat.completion",
    });
  });

  it("closes a tunnel that misses its pongs and resets its streams", async () => {
    const node = await t.node();
    const silent = rawTunnel(node);
    await until(() => t.hub().isConnected(node.nodeId), "the silent tunnel");
    const pending = send(node.nodeId, chat("hello?")).catch((e: unknown) => e);
    expect(t.hub().outstanding(node.nodeId)).toBe(1);
    const err = await pending;
    expect(err).toBeInstanceOf(TunnelError);
    expect(err).toMatchObject({ kind: "stream_reset", beforeResponse: true });
    expect(t.hub().isConnected(node.nodeId)).toBe(false);
    expect(await silent.closed).toBe(1006);
  });

  it("closes the tunnel on a malformed frame", async () => {
    const node = await t.node();
    const raw = rawTunnel(node);
    await until(
      () => t.hub().isConnected(node.nodeId) && raw.ws.readyState === WebSocket.OPEN,
      "the raw tunnel",
    );
    raw.ws.send(new Uint8Array([1, 42, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]));
    expect(await raw.closed).toBe(1002);
    await until(() => !t.hub().isConnected(node.nodeId), "the hub to drop the tunnel");
  });

  it("hands the node to a newer tunnel; the older one finishes its streams first", async () => {
    const node = await t.node();
    const older = t.agent(node, { retryMinMs: 60_000, retryMaxMs: 60_000 });
    await until(() => t.hub().isConnected(node.nodeId), "the older tunnel");
    const long = await send(node.nodeId, chat("long", { stream: true, max_tokens: 5000 }));
    await until(() => older.client.stats().streamsAwaitingCredit === 1, "the older stream");
    const newer = t.agent(node);
    await until(() => newer.client.stats().connected, "the newer tunnel");
    expect(t.hub().outstanding(node.nodeId)).toBe(1);
    const short = await send(node.nodeId, chat("short"));
    await new Response(short.body).text();
    expect(newer.client.stats().streamsTotal).toBe(1);
    expect(older.client.stats().streamsTotal).toBe(1);
    expect((await new Response(long.body).text()).endsWith("data: [DONE]\n\n")).toBe(true);
    await until(() => !older.client.stats().connected, "the older tunnel to close");
    expect(older.logs.some((l) => l.reason === "replaced")).toBe(true);
    expect(t.hub().isConnected(node.nodeId)).toBe(true);
    await older.stop();
  });

  it("refuses streams past the concurrent-stream limit until one ends", async () => {
    const node = await t.node();
    const agent = t.agent(node);
    await until(() => t.hub().isConnected(node.nodeId), "the tunnel");
    const body = () => chat("hold", { stream: true, max_tokens: 5000 });
    const open = [await send(node.nodeId, body()), await send(node.nodeId, body())];
    const err = await send(node.nodeId, chat("one more")).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "connect_failed", beforeResponse: true });
    await open[0]?.body.cancel();
    await until(() => t.hub().outstanding(node.nodeId) === 1, "a free slot");
    expect((await send(node.nodeId, chat("now"))).status).toBe(200);
    await open[1]?.body.cancel();
    await until(() => agent.client.stats().streamsOpen === 0, "the agent to drop the streams");
  });
});
