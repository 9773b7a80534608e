import { describe, expect, it } from "vitest";
import {
  decodeMessage,
  encodeFrame,
  maxTunnelMessage,
  maxTunnelPayload,
  type TunnelFrame,
  TunnelProtocolError,
} from "./tunnel.ts";
import { FrameBatcher } from "./tunnel-batch.ts";

const head = { status: 200, headers: { "content-type": "application/json" } };
const answer: TunnelFrame[] = [
  { type: "response", streamId: 1, end: false, head },
  { type: "data", streamId: 1, end: false, data: new TextEncoder().encode('{"ok":true}') },
  { type: "data", streamId: 1, end: true, data: new Uint8Array(0) },
];
const turnEnd = () => new Promise((resolve) => setImmediate(resolve));

describe("tunnel messages", () => {
  it("carry the frames of one turn in one message, in order", async () => {
    const messages: Uint8Array[] = [];
    const out = new FrameBatcher((m) => messages.push(m));
    for (const f of answer) out.push(f);
    expect(messages).toHaveLength(0);
    await turnEnd();
    expect(messages).toHaveLength(1);
    const decoded = decodeMessage(messages[0] ?? new Uint8Array(0), "agent");
    expect(decoded).toEqual(answer);
    // A body chunk held in a reader's queue must not keep the whole message alive.
    const body = decoded[1];
    expect(body?.type === "data" && body.data.buffer.byteLength).toBe(11);
  });

  it("never exceed maxTunnelMessage: a batch that would is written first", () => {
    const messages: Uint8Array[] = [];
    const out = new FrameBatcher((m) => messages.push(m));
    const big = (streamId: number): TunnelFrame => ({
      type: "data",
      streamId,
      end: false,
      data: new Uint8Array(maxTunnelPayload / 2 - 12),
    });
    for (const id of [1, 3, 5]) out.push(big(id));
    out.flush();
    expect(messages.map((m) => m.byteLength <= maxTunnelMessage)).toEqual([true, true]);
    const ids = messages.flatMap((m) => decodeMessage(m, "agent").map((f) => f.streamId));
    expect(ids).toEqual([1, 3, 5]);
  });

  it("are written at once on flush (a goaway before a close), and dropped on clear", async () => {
    const messages: Uint8Array[] = [];
    const out = new FrameBatcher((m) => messages.push(m));
    out.push({ type: "goaway", streamId: 0, goaway: { reason: "shutdown", message: "bye" } });
    out.flush();
    expect(messages).toHaveLength(1);
    out.push({ type: "pong", streamId: 0, payload: new Uint8Array(8) });
    out.clear();
    await turnEnd();
    expect(messages).toHaveLength(1);
    expect(out.pending).toBe(0);
  });

  it("are refused whole when any frame in them is malformed", () => {
    const good = encodeFrame(answer[1] ?? { type: "cancel", streamId: 1 });
    const cases: [string, Uint8Array][] = [
      ["a truncated second frame", new Uint8Array([...good, ...good.subarray(0, 14)])],
      ["a stray byte after a frame", new Uint8Array([...good, 2])],
      [
        "a frame from the wrong side",
        new Uint8Array([...good, ...encodeFrame(answer[0] ?? { type: "cancel", streamId: 1 })]),
      ],
      ["an empty message", new Uint8Array(0)],
      ["a message over the limit", new Uint8Array(maxTunnelMessage + 1)],
    ];
    for (const [what, bytes] of cases)
      expect(() => decodeMessage(bytes, "server"), what).toThrow(TunnelProtocolError);
  });
});
