import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger, TunnelClient } from "@edgeplane/agent";
import {
  decodeMessage,
  encodeFrame,
  type TunnelFrame,
  type TunnelSettings,
  tunnelDefaults,
} from "@edgeplane/contracts";
import { type ReferenceUpstream, startReferenceUpstream } from "@edgeplane/reference-upstream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { chat, until } from "./test-kit.ts";

/** The agent's half of the protocol, against a scripted control plane speaking raw frames. */

interface Peer {
  ws: WebSocket;
  frames: TunnelFrame[];
  closeCode: Promise<number>;
  send(frame: TunnelFrame): void;
}

const settings = (over: Partial<TunnelSettings> = {}): TunnelSettings => ({
  nodeId: "node_scripted",
  ...tunnelDefaults,
  ...over,
});

async function scriptedServer(onPeer: (peer: Peer, n: number) => void) {
  const http = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ nodeId: "node_scripted", orgId: "org_s", siteId: "site_s" }));
  });
  const wss = new WebSocketServer({ server: http });
  const peers: Peer[] = [];
  wss.on("connection", (ws) => {
    const frames: TunnelFrame[] = [];
    ws.on("message", (data: Buffer) => frames.push(...decodeMessage(data, "agent")));
    const closeCode = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    const peer = { ws, frames, closeCode, send: (f: TunnelFrame) => ws.send(encodeFrame(f)) };
    peers.push(peer);
    onPeer(peer, peers.length);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    peers,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => http.close(() => resolve())));
    },
  };
}

let upstream: ReferenceUpstream;
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  upstream = await startReferenceUpstream({ completionTokens: 20_000 });
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(() => upstream.close());

async function agentAgainst(onPeer: (peer: Peer, n: number) => void) {
  const server = await scriptedServer(onPeer);
  const client = new TunnelClient({
    url: server.url,
    key: `epn_${"2".repeat(24)}`,
    upstream: upstream.url,
    log: createLogger({ level: "silent" }),
    retryMinMs: 10,
    retryMaxMs: 50,
  });
  const exit = client.run();
  cleanups.push(async () => {
    client.stop();
    await exit;
    await server.close();
  });
  return { server, client };
}

const goaways = (peer: Peer | undefined) =>
  (peer?.frames ?? []).flatMap((f) => (f.type === "goaway" ? [f.goaway.reason] : []));

describe("the agent's side of the tunnel protocol", () => {
  it("answers pings with the same payload", async () => {
    const payload = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const { server } = await agentAgainst((peer) => {
      peer.send({ type: "settings", streamId: 0, settings: settings() });
      peer.send({ type: "ping", streamId: 0, payload });
    });
    await until(() => (server.peers[0]?.frames.length ?? 0) > 0, "a pong");
    const pong = server.peers[0]?.frames[0];
    expect(pong?.type).toBe("pong");
    expect(pong?.type === "pong" && [...pong.payload]).toEqual([...payload]);
  });

  it("refuses a malformed frame: goaway, close, then a new tunnel", async () => {
    const { server } = await agentAgainst((peer, n) => {
      peer.send({ type: "settings", streamId: 0, settings: settings() });
      if (n === 1) peer.ws.send(new Uint8Array([2, 42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    });
    await until(() => server.peers.length >= 2, "a reconnect");
    expect(goaways(server.peers[0])).toEqual(["protocol_error"]);
    expect(await server.peers[0]?.closeCode).toBe(4002);
  });

  it("refuses any frame before SETTINGS", async () => {
    const { server } = await agentAgainst((peer, n) => {
      if (n === 1) peer.send({ type: "ping", streamId: 0, payload: new Uint8Array(8) });
      else peer.send({ type: "settings", streamId: 0, settings: settings() });
    });
    await until(() => server.peers.length >= 2, "a reconnect");
    expect(await server.peers[0]?.closeCode).toBe(4002);
  });

  it("gives up on a server that stops pinging, and reconnects", async () => {
    const { server, client } = await agentAgainst((peer) =>
      peer.send({
        type: "settings",
        streamId: 0,
        settings: settings({ pingIntervalMs: 50, missedPongs: 1 }),
      }),
    );
    await until(() => client.stats().connects >= 2, "a second tunnel");
    expect(await server.peers[0]?.closeCode).toBe(4001);
  });

  it("sends no more response bytes than the server's credits, and cancels on request", async () => {
    const window = 8 * 1024;
    const cancelledBefore = upstream.stats().cancelled;
    const { server, client } = await agentAgainst((peer) => {
      peer.send({ type: "settings", streamId: 0, settings: settings({ initialWindow: window }) });
      const body = chat("credits", { stream: true, max_tokens: 5000 });
      const head = {
        method: "POST",
        path: "/chat/completions",
        headers: { "content-type": "application/json" },
        contentLength: body.byteLength,
      };
      peer.send({ type: "request", streamId: 1, head, end: false });
      peer.send({ type: "data", streamId: 1, data: body, end: true });
    });
    await until(() => client.stats().streamsAwaitingCredit === 1, "the agent to wait for credit");
    const peer = server.peers[0];
    const received = () =>
      (peer?.frames ?? []).reduce((n, f) => n + (f.type === "data" ? f.data.byteLength : 0), 0);
    // The agent is blocked on credit, so what is in flight is all there will be.
    await until(() => received() >= window, "the first window of bytes");
    expect(received()).toBe(window);
    expect(peer?.frames[0]).toMatchObject({ type: "response", head: { status: 200 } });
    peer?.send({ type: "cancel", streamId: 1 });
    await until(() => upstream.stats().cancelled > cancelledBefore, "the upstream cancel");
    expect(client.stats().streamsOpen).toBe(0);
  });
});
