import { z } from "zod";

/**
 * The agent tunnel's wire format: frames yamux/HTTP-2 style, one or more back to back in each
 * binary WebSocket message (a sender batches what it has in one turn of its event loop, so a
 * small response costs one socket write, not three). A message never exceeds maxTunnelMessage.
 *
 *   byte 0      version (2; version 1 allowed one frame per message only)
 *   byte 1      type (tunnelFrameTypes)
 *   byte 2      flags (END_STREAM = 0x1, on request, response and data only)
 *   byte 3      reserved, 0
 *   bytes 4–7   stream id, big-endian; 0 for connection frames, 1…2^31−1 for streams
 *   bytes 8–11  payload length, big-endian; must equal the rest of the message
 *
 * Payloads: JSON for heads (settings, request, response, error, goaway), raw bytes for data,
 * a u32 increment for window_update, 8 opaque bytes for ping/pong, nothing for cancel.
 * Only the server opens streams; each direction of a stream has a credit window that the
 * receiver tops up with window_update as its reader consumes bytes.
 */
export const tunnelPath = "/api/agent/v1/tunnel";
export const tunnelProtocolVersion = 2;
export const tunnelHeaderBytes = 12;
export const endStreamFlag = 0x1;
export const maxStreamId = 2 ** 31 - 1;
export const maxTunnelWindow = 2 ** 31 - 1;
/** No frame's payload may exceed this, whatever SETTINGS announce (bounds a decoder's memory). */
export const maxTunnelPayload = 1024 * 1024;
/** The largest WebSocket message: one frame of the largest payload, or several smaller ones. */
export const maxTunnelMessage = tunnelHeaderBytes + maxTunnelPayload;

/** What the server announces in SETTINGS unless configured otherwise. */
export const tunnelDefaults = {
  initialWindow: 256 * 1024,
  maxFramePayload: 64 * 1024,
  maxConcurrentStreams: 128,
  pingIntervalMs: 15_000,
  missedPongs: 2,
} as const;

export const tunnelFrameTypes = {
  settings: 0,
  request: 1,
  response: 2,
  data: 3,
  window_update: 4,
  error: 5,
  cancel: 6,
  ping: 7,
  pong: 8,
  goaway: 9,
} as const;
export type TunnelFrameType = keyof typeof tunnelFrameTypes;
export type TunnelPeer = "server" | "agent";

const frameTypeByCode = new Map<number, TunnelFrameType>(
  Object.entries(tunnelFrameTypes).map(([name, code]) => [code, name as TunnelFrameType]),
);
const connectionFrames = new Set<TunnelFrameType>(["settings", "ping", "pong", "goaway"]);
const endFrames = new Set<TunnelFrameType>(["request", "response", "data"]);
const sentBy: Record<TunnelFrameType, TunnelPeer | "both"> = {
  settings: "server",
  request: "server",
  response: "agent",
  data: "both",
  window_update: "both",
  error: "agent",
  cancel: "server",
  ping: "both",
  pong: "both",
  goaway: "both",
};

const headerName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/);
const headerValue = z
  .string()
  .max(16 * 1024)
  .regex(/^[^\r\n\0]*$/);
const headers = z
  .record(headerName, headerValue)
  .refine((h) => Object.keys(h).length <= 128, "at most 128 headers");

export const tunnelSettingsSchema = z.object({
  nodeId: z.string().min(1).max(100),
  initialWindow: z.number().int().min(1024).max(maxTunnelWindow),
  maxFramePayload: z.number().int().min(1024).max(maxTunnelPayload),
  maxConcurrentStreams: z.number().int().min(1).max(65_536),
  pingIntervalMs: z.number().int().min(10).max(3_600_000),
  missedPongs: z.number().int().min(1).max(100),
});
export type TunnelSettings = z.infer<typeof tunnelSettingsSchema>;

export const tunnelRequestHeadSchema = z.object({
  method: z.string().regex(/^[A-Z]{1,16}$/),
  /** Relative to the agent's upstream base; the agent refuses absolute URLs and `..`. */
  path: z
    .string()
    .min(1)
    .max(8192)
    .regex(/^\/\P{Cc}*$/u),
  headers,
  /** The body's exact length, or null when there is none. */
  contentLength: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
});
export type TunnelRequestHead = z.infer<typeof tunnelRequestHeadSchema>;

export const tunnelResponseHeadSchema = z.object({
  status: z.number().int().min(100).max(599),
  headers,
});
export type TunnelResponseHead = z.infer<typeof tunnelResponseHeadSchema>;

export const tunnelStreamErrorKinds = [
  /** The upstream could not be reached or answered no head: nothing was sent. */
  "upstream_unreachable",
  /** The upstream broke off mid-body. */
  "stream_reset",
  /** The agent refused the request (path outside its upstream, too many streams). */
  "refused",
  /** The peer broke the protocol on this stream (window overrun, bad order). */
  "protocol",
] as const;
export type TunnelStreamErrorKind = (typeof tunnelStreamErrorKinds)[number];

export const tunnelStreamErrorSchema = z.object({
  kind: z.enum(tunnelStreamErrorKinds),
  message: z.string().max(1000),
});
export type TunnelStreamError = z.infer<typeof tunnelStreamErrorSchema>;

export const tunnelGoawaySchema = z.object({
  reason: z.enum(["replaced", "shutdown", "unauthorized", "protocol_error", "heartbeat"]),
  message: z.string().max(1000),
});
export type TunnelGoaway = z.infer<typeof tunnelGoawaySchema>;

export type TunnelFrame =
  | { type: "settings"; streamId: 0; settings: TunnelSettings }
  | { type: "request"; streamId: number; head: TunnelRequestHead; end: boolean }
  | { type: "response"; streamId: number; head: TunnelResponseHead; end: boolean }
  | { type: "data"; streamId: number; data: Uint8Array; end: boolean }
  | { type: "window_update"; streamId: number; increment: number }
  | { type: "error"; streamId: number; error: TunnelStreamError }
  | { type: "cancel"; streamId: number }
  | { type: "ping"; streamId: 0; payload: Uint8Array }
  | { type: "pong"; streamId: 0; payload: Uint8Array }
  | { type: "goaway"; streamId: 0; goaway: TunnelGoaway };

/** A frame that breaks the format: the receiver closes the tunnel (WebSocket code 1002). */
export class TunnelProtocolError extends Error {}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

function payloadOf(frame: TunnelFrame): Uint8Array {
  switch (frame.type) {
    case "settings":
      return utf8.encode(JSON.stringify(frame.settings));
    case "request":
    case "response":
      return utf8.encode(JSON.stringify(frame.head));
    case "error":
      return utf8.encode(JSON.stringify(frame.error));
    case "goaway":
      return utf8.encode(JSON.stringify(frame.goaway));
    case "data":
      return frame.data;
    case "window_update": {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setUint32(0, frame.increment);
      return out;
    }
    case "ping":
    case "pong":
      return frame.payload;
    case "cancel":
      return new Uint8Array(0);
  }
}

/** A frame whose payload is encoded: what a sender measures and queues before writing. */
export interface EncodedFrame {
  frame: TunnelFrame;
  payload: Uint8Array;
}

export function prepareFrame(frame: TunnelFrame): EncodedFrame {
  return { frame, payload: payloadOf(frame) };
}

export const encodedSize = (f: EncodedFrame): number => tunnelHeaderBytes + f.payload.byteLength;

/** One WebSocket message holding these frames in order (keep it within maxTunnelMessage). */
export function encodeMessage(frames: readonly EncodedFrame[]): Uint8Array<ArrayBuffer> {
  let size = 0;
  for (const f of frames) size += encodedSize(f);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const { frame, payload } of frames) {
    out[at] = tunnelProtocolVersion;
    out[at + 1] = tunnelFrameTypes[frame.type];
    out[at + 2] = "end" in frame && frame.end ? endStreamFlag : 0;
    view.setUint32(at + 4, frame.streamId);
    view.setUint32(at + 8, payload.byteLength);
    out.set(payload, at + tunnelHeaderBytes);
    at += tunnelHeaderBytes + payload.byteLength;
  }
  return out;
}

export function encodeFrame(frame: TunnelFrame): Uint8Array<ArrayBuffer> {
  return encodeMessage([prepareFrame(frame)]);
}

function json<T>(schema: z.ZodType<T>, payload: Uint8Array, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8.decode(payload));
  } catch {
    throw new TunnelProtocolError(`${what}: payload is not UTF-8 JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TunnelProtocolError(
      `${what}: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** Parses one message from `from`; throws TunnelProtocolError on anything malformed. */
export function decodeFrame(bytes: Uint8Array, from: TunnelPeer): TunnelFrame {
  if (bytes.byteLength < tunnelHeaderBytes) throw new TunnelProtocolError("frame too short");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== tunnelProtocolVersion)
    throw new TunnelProtocolError(`unsupported version ${bytes[0]}`);
  const type = frameTypeByCode.get(bytes[1] ?? -1);
  if (!type) throw new TunnelProtocolError(`unknown frame type ${bytes[1]}`);
  const flags = bytes[2] ?? 0;
  if (bytes[3] !== 0) throw new TunnelProtocolError("reserved byte must be 0");
  if (flags & ~endStreamFlag || (flags && !endFrames.has(type)))
    throw new TunnelProtocolError(`${type}: flags ${flags} not allowed`);
  const streamId = view.getUint32(4);
  const length = view.getUint32(8);
  if (length !== bytes.byteLength - tunnelHeaderBytes)
    throw new TunnelProtocolError(`${type}: length ${length} does not match the message`);
  if (length > maxTunnelPayload) throw new TunnelProtocolError(`${type}: payload too large`);
  if (sentBy[type] !== "both" && sentBy[type] !== from)
    throw new TunnelProtocolError(`${type}: not allowed from the ${from}`);
  if (connectionFrames.has(type) ? streamId !== 0 : streamId < 1 || streamId > maxStreamId)
    throw new TunnelProtocolError(`${type}: stream id ${streamId} not allowed`);
  const payload = bytes.subarray(tunnelHeaderBytes);
  const end = (flags & endStreamFlag) !== 0;
  switch (type) {
    case "settings":
      return { type, streamId: 0, settings: json(tunnelSettingsSchema, payload, type) };
    case "request":
      return { type, streamId, end, head: json(tunnelRequestHeadSchema, payload, type) };
    case "response":
      return { type, streamId, end, head: json(tunnelResponseHeadSchema, payload, type) };
    case "error":
      return { type, streamId, error: json(tunnelStreamErrorSchema, payload, type) };
    case "goaway":
      return { type, streamId: 0, goaway: json(tunnelGoawaySchema, payload, type) };
    case "data":
      return { type, streamId, end, data: payload };
    case "window_update": {
      const increment = length === 4 ? view.getUint32(tunnelHeaderBytes) : 0;
      if (increment < 1 || increment > maxTunnelWindow)
        throw new TunnelProtocolError("window_update: increment must be 1…2^31−1 in 4 bytes");
      return { type, streamId, increment };
    }
    case "ping":
    case "pong":
      if (length !== 8) throw new TunnelProtocolError(`${type}: payload must be 8 bytes`);
      return { type, streamId: 0, payload };
    case "cancel":
      if (length !== 0) throw new TunnelProtocolError("cancel: payload must be empty");
      return { type, streamId };
  }
}

/** Every frame of one WebSocket message from `from`, in order; throws on anything malformed. */
export function decodeMessage(bytes: Uint8Array, from: TunnelPeer): TunnelFrame[] {
  if (bytes.byteLength > maxTunnelMessage) throw new TunnelProtocolError("message too large");
  const frames: TunnelFrame[] = [];
  let at = 0;
  do {
    if (bytes.byteLength - at < tunnelHeaderBytes) throw new TunnelProtocolError("frame too short");
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, tunnelHeaderBytes);
    const end = at + tunnelHeaderBytes + view.getUint32(8);
    if (end > bytes.byteLength) throw new TunnelProtocolError("frame longer than its message");
    const frame = decodeFrame(bytes.subarray(at, end), from);
    // A body chunk shared with other frames is copied: queued, it must not pin the whole message.
    const shared = end - at < bytes.byteLength;
    frames.push(shared && frame.type === "data" ? { ...frame, data: frame.data.slice() } : frame);
    at = end;
  } while (at < bytes.byteLength);
  return frames;
}
