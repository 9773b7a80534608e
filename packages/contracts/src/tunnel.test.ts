import { describe, expect, it } from "vitest";
import {
  decodeFrame,
  encodeFrame,
  type TunnelFrame,
  type TunnelPeer,
  TunnelProtocolError,
  tunnelDefaults,
  tunnelHeaderBytes,
} from "./tunnel.ts";
import { InboundBody, SendWindow } from "./tunnel-flow.ts";

const fromServer: TunnelFrame[] = [
  { type: "settings", streamId: 0, settings: { nodeId: "node_1", ...tunnelDefaults } },
  {
    type: "request",
    streamId: 1,
    end: false,
    head: {
      method: "POST",
      path: "/chat/completions?x=1",
      headers: { "content-type": "application/json", "x-request-id": "req_1" },
      contentLength: 42,
    },
  },
  {
    type: "request",
    streamId: 3,
    end: true,
    head: { method: "GET", path: "/models", headers: {}, contentLength: null },
  },
  { type: "data", streamId: 1, end: true, data: new TextEncoder().encode('{"model":"m"}') },
  { type: "window_update", streamId: 7, increment: 2 ** 31 - 1 },
  { type: "cancel", streamId: 2 ** 31 - 1 },
  { type: "ping", streamId: 0, payload: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) },
  { type: "goaway", streamId: 0, goaway: { reason: "replaced", message: "newer tunnel" } },
];
const fromAgent: TunnelFrame[] = [
  {
    type: "response",
    streamId: 1,
    end: false,
    head: { status: 200, headers: { "content-type": "text/event-stream" } },
  },
  { type: "response", streamId: 4, end: true, head: { status: 204, headers: {} } },
  { type: "data", streamId: 1, end: false, data: new Uint8Array(64 * 1024).fill(7) },
  { type: "data", streamId: 1, end: true, data: new Uint8Array(0) },
  { type: "error", streamId: 1, error: { kind: "upstream_unreachable", message: "ECONNREFUSED" } },
  { type: "pong", streamId: 0, payload: new Uint8Array(8) },
  { type: "goaway", streamId: 0, goaway: { reason: "shutdown", message: "stopping" } },
];

/** A frame with its header fields overwritten. */
function tamper(frame: TunnelFrame, at: number, value: number): Uint8Array {
  const bytes = encodeFrame(frame);
  bytes[at] = value;
  return bytes;
}

function withPayload(type: number, streamId: number, payload: Uint8Array, flags = 0): Uint8Array {
  const out = new Uint8Array(tunnelHeaderBytes + payload.byteLength);
  const view = new DataView(out.buffer);
  out.set([2, type, flags, 0]);
  view.setUint32(4, streamId);
  view.setUint32(8, payload.byteLength);
  out.set(payload, tunnelHeaderBytes);
  return out;
}

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const decoded = (f: TunnelFrame, from: TunnelPeer) => decodeFrame(encodeFrame(f), from);

describe("tunnel frames", () => {
  it("round-trip every frame type in the direction it may travel", () => {
    for (const f of fromServer) expect(decoded(f, "server"), f.type).toEqual(f);
    for (const f of fromAgent) expect(decoded(f, "agent"), f.type).toEqual(f);
  });

  it("lay out a 12-byte header: version, type, flags, reserved, stream id, length", () => {
    const bytes = encodeFrame({ type: "data", streamId: 258, end: true, data: new Uint8Array(3) });
    expect([...bytes]).toEqual([2, 3, 1, 0, 0, 0, 1, 2, 0, 0, 0, 3, 0, 0, 0]);
  });

  it("refuse frames from the wrong side", () => {
    for (const f of fromServer.filter((f) => ["settings", "request", "cancel"].includes(f.type)))
      expect(() => decoded(f, "agent"), f.type).toThrow(TunnelProtocolError);
    for (const f of fromAgent.filter((f) => ["response", "error"].includes(f.type)))
      expect(() => decoded(f, "server"), f.type).toThrow(TunnelProtocolError);
  });

  it("refuse malformed frames", () => {
    const data: TunnelFrame = { type: "data", streamId: 1, end: false, data: new Uint8Array(4) };
    const ping = fromServer.find((f) => f.type === "ping") ?? data;
    const cases: [string, Uint8Array][] = [
      ["empty", new Uint8Array(0)],
      ["short header", encodeFrame(data).subarray(0, 11)],
      ["version 1", tamper(data, 0, 1)],
      ["unknown type", tamper(data, 1, 200)],
      ["unknown flag", tamper(data, 2, 0x2)],
      ["end flag on a ping", tamper(ping, 2, 0x1)],
      ["reserved byte", tamper(data, 3, 1)],
      ["length too long", tamper(data, 11, 5)],
      ["trailing bytes", new Uint8Array([...encodeFrame(data), 0])],
      ["stream 0 data", withPayload(3, 0, new Uint8Array(1))],
      ["stream id over 2^31-1", withPayload(3, 2 ** 31, new Uint8Array(1))],
      ["ping on a stream", withPayload(7, 1, new Uint8Array(8))],
      ["ping of 7 bytes", withPayload(7, 0, new Uint8Array(7))],
      ["window_update of 0", withPayload(4, 1, new Uint8Array(4))],
      ["window_update of 3 bytes", withPayload(4, 1, new Uint8Array([0, 0, 1]))],
      ["cancel with payload", withPayload(6, 1, new Uint8Array(1))],
      ["head not JSON", withPayload(2, 1, new TextEncoder().encode("{"))],
      ["head not UTF-8", withPayload(2, 1, new Uint8Array([0xff, 0xfe]))],
      ["status 99", withPayload(2, 1, json({ status: 99, headers: {} }))],
      ["header with CRLF", withPayload(2, 1, json({ status: 200, headers: { a: "b\r\nc" } }))],
      ["header name with space", withPayload(2, 1, json({ status: 200, headers: { "a b": "c" } }))],
      ["unknown error kind", withPayload(5, 1, json({ kind: "oops", message: "" }))],
      ["oversized payload", withPayload(3, 1, new Uint8Array(1024 * 1024 + 1))],
    ];
    for (const [what, bytes] of cases)
      expect(() => decodeFrame(bytes, "agent"), what).toThrow(TunnelProtocolError);
    const requests: [string, unknown][] = [
      ["absolute URL", { method: "GET", path: "http://x/", headers: {}, contentLength: null }],
      ["control char", { method: "GET", path: "/a\nb", headers: {}, contentLength: null }],
      ["lowercase method", { method: "get", path: "/a", headers: {}, contentLength: null }],
      ["negative length", { method: "GET", path: "/a", headers: {}, contentLength: -1 }],
    ];
    for (const [what, head] of requests)
      expect(() => decodeFrame(withPayload(1, 1, json(head)), "server"), what).toThrow(
        TunnelProtocolError,
      );
  });
});

describe("tunnel flow control", () => {
  it("returns credits only as the reader takes bytes, and refuses an overrun", async () => {
    const credits: number[] = [];
    const body = new InboundBody({
      window: 8,
      onCredit: (n) => credits.push(n),
      onCancel: () => {},
    });
    expect(body.push(new Uint8Array(5))).toBe(true);
    expect(body.push(new Uint8Array(3))).toBe(true);
    expect(body.buffered).toBe(8);
    expect(credits).toEqual([]);
    expect(body.push(new Uint8Array(1))).toBe(false);
    const reader = body.stream.getReader();
    expect((await reader.read()).value?.byteLength).toBe(5);
    expect(credits).toEqual([5]);
    expect(body.push(new Uint8Array(5))).toBe(true);
    body.end();
    expect((await reader.read()).value?.byteLength).toBe(3);
    expect((await reader.read()).value?.byteLength).toBe(5);
    expect((await reader.read()).done).toBe(true);
    expect(body.push(new Uint8Array(1))).toBe(false);
  });

  it("tells the sender when the reader cancels", async () => {
    let cancelled = false;
    const body = new InboundBody({
      window: 8,
      onCredit: () => {},
      onCancel: () => (cancelled = true),
    });
    await body.stream.cancel();
    expect(cancelled).toBe(true);
  });

  it("makes a sender wait for credit", async () => {
    const w = new SendWindow(4);
    expect(w.take(10)).toBe(4);
    let woke = false;
    const waiting = w.wait().then(() => (woke = true));
    await Promise.resolve();
    expect(woke).toBe(false);
    expect(w.grant(3)).toBe(true);
    await waiting;
    expect(w.take(10)).toBe(3);
    expect(w.grant(2 ** 31)).toBe(false);
  });
});
