import {
  decodeMessage,
  FrameBatcher,
  maxStreamId,
  type TunnelFrame,
  type TunnelGoaway,
  TunnelProtocolError,
  type TunnelSettings,
  tunnelDefaults,
} from "@edgeplane/contracts";
import type { RawData, WebSocket } from "ws";
import type { NodeKeyIdentity } from "../keys/verifier.ts";
import type { Logger } from "../logger.ts";
import { requestHead } from "./head.ts";
import type { TunnelMetrics } from "./metrics.ts";
import { ServerStream, type StreamHost } from "./stream.ts";
import { TunnelError, type TunnelRequest, type TunnelResponse } from "./types.ts";

export interface TunnelOptions {
  initialWindow: number;
  maxFramePayload: number;
  maxConcurrentStreams: number;
  pingIntervalMs: number;
  /** Unanswered pings after which the tunnel is closed and its streams reset. */
  missedPongs: number;
  /** A request with no response head by then fails with `timeout`. */
  headTimeoutMs: number;
  /** How long a replaced tunnel's streams may run before they are reset. */
  drainMs: number;
  /** How often an open tunnel's key is checked again (revoked keys lose their tunnel). */
  reverifyMs: number;
  /** How long shutdown waits for an agent's close handshake. */
  closeTimeoutMs: number;
}

export function tunnelOptions(o: Partial<TunnelOptions>): TunnelOptions {
  return {
    ...tunnelDefaults,
    headTimeoutMs: 300_000,
    drainMs: 30_000,
    reverifyMs: 60_000,
    closeTimeoutMs: 2_000,
    ...o,
  };
}

export interface TunnelEvents {
  log: Logger;
  metrics: TunnelMetrics;
  reauthorize: () => Promise<boolean>;
  /** The tunnel takes no new streams (draining or closed). */
  onStopAccepting: (t: ServerTunnel) => void;
  onClosed: (t: ServerTunnel) => void;
}

const closeCodes = { protocol: 1002, heartbeat: 4001, unauthorized: 4401, shutdown: 1001 };

function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** One agent's WebSocket on this replica: stream multiplexing, heartbeats, draining. */
export class ServerTunnel implements StreamHost {
  readonly identity: NodeKeyIdentity;
  readonly settings: TunnelSettings;
  readonly headTimeoutMs: number;
  readonly #ws: WebSocket;
  readonly #o: TunnelOptions;
  readonly #e: TunnelEvents;
  readonly #streams = new Map<number, ServerStream>();
  readonly #closed: Promise<void>;
  readonly #out: FrameBatcher;
  #nextId = 1;
  #accepting = true;
  #open = true;
  #unanswered = 0;
  #pings = 0;
  #lastVerified = Date.now();
  readonly #heartbeat: ReturnType<typeof setInterval>;
  #drainTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(ws: WebSocket, identity: NodeKeyIdentity, o: TunnelOptions, e: TunnelEvents) {
    this.#ws = ws;
    this.identity = identity;
    this.#o = o;
    this.#e = e;
    this.headTimeoutMs = o.headTimeoutMs;
    this.settings = {
      nodeId: identity.nodeId,
      initialWindow: o.initialWindow,
      maxFramePayload: o.maxFramePayload,
      maxConcurrentStreams: o.maxConcurrentStreams,
      pingIntervalMs: o.pingIntervalMs,
      missedPongs: o.missedPongs,
    };
    this.#out = new FrameBatcher((message) => ws.send(message));
    this.#closed = new Promise((resolve) => ws.once("close", () => resolve()));
    ws.on("message", (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on("close", (code, reason) => this.#onClose(code, reason.toString()));
    ws.on("error", (err) => e.log.warn({ err }, "agent tunnel socket error"));
    this.#heartbeat = setInterval(() => this.#tick(), o.pingIntervalMs);
    this.#heartbeat.unref();
    this.send({ type: "settings", streamId: 0, settings: this.settings });
  }

  get outstanding(): number {
    return this.#streams.size;
  }

  open(req: TunnelRequest): Promise<TunnelResponse> {
    const { nodeId } = this.identity;
    if (!this.#accepting || this.#nextId > maxStreamId)
      throw new TunnelError("connect_failed", `the tunnel to node ${nodeId} is closing`, true);
    if (this.#streams.size >= this.#o.maxConcurrentStreams) {
      const max = this.#o.maxConcurrentStreams;
      throw new TunnelError("connect_failed", `node ${nodeId} has ${max} streams in flight`, true);
    }
    const head = requestHead(req);
    const stream = new ServerStream(this, this.#nextId++, req.signal);
    this.#streams.set(stream.id, stream);
    stream.start(head, req.body);
    return stream.response;
  }

  send(frame: TunnelFrame): void {
    if (!this.#open) return;
    this.#e.metrics.frameOut(this.#out.push(frame));
  }

  release(stream: ServerStream): void {
    this.#streams.delete(stream.id);
    if (!this.#accepting && this.#streams.size === 0 && this.#open) this.#close(1000, "drained");
  }

  streamError(kind: Parameters<TunnelMetrics["streamError"]>[0]): void {
    this.#e.metrics.streamError(kind);
  }

  /** Takes no new streams; closes once the running ones end, or resets them after drainMs. */
  drain(reason: TunnelGoaway["reason"], message: string): void {
    if (!this.#accepting) return;
    this.send({ type: "goaway", streamId: 0, goaway: { reason, message } });
    this.#stopAccepting();
    if (this.#streams.size === 0) {
      this.#close(1000, reason);
      return;
    }
    this.#drainTimer = setTimeout(() => this.#close(1000, reason), this.#o.drainMs);
    this.#drainTimer.unref();
  }

  /** Server shutdown: goaway, close, and a hard stop if the agent does not answer in time. */
  async shutdown(): Promise<void> {
    if (this.#open) {
      this.send({
        type: "goaway",
        streamId: 0,
        goaway: { reason: "shutdown", message: "the server is shutting down" },
      });
      this.#close(closeCodes.shutdown, "server shutting down");
    }
    const timer = setTimeout(() => this.#ws.terminate(), this.#o.closeTimeoutMs);
    await this.#closed;
    clearTimeout(timer);
  }

  #stopAccepting(): void {
    if (!this.#accepting) return;
    this.#accepting = false;
    this.#e.onStopAccepting(this);
  }

  /** Closes the socket after the frames queued in this turn (a goaway) have been written. */
  #close(code: number, reason: string): void {
    this.#out.flush();
    this.#ws.close(code, reason);
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    const bytes = bytesOf(data);
    // Whatever an agent sends, and whatever goes wrong handling it, costs this tunnel only.
    try {
      if (!isBinary) throw new TunnelProtocolError("text message");
      const frames = decodeMessage(bytes, "agent");
      this.#e.metrics.frameIn(bytes.byteLength, frames.length);
      for (const frame of frames) this.#dispatch(frame);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const protocol = err instanceof TunnelProtocolError;
      if (protocol) this.#e.log.warn({ err: message }, "agent broke the tunnel protocol; closing");
      else this.#e.log.error({ err }, "handling a tunnel frame failed; closing the tunnel");
      const goaway = { reason: "protocol_error", message: message.slice(0, 1000) } as const;
      this.send({ type: "goaway", streamId: 0, goaway });
      this.#stopAccepting();
      this.#close(protocol ? closeCodes.protocol : 1011, "protocol error");
    }
  }

  #dispatch(frame: TunnelFrame): void {
    switch (frame.type) {
      case "pong":
        this.#unanswered = 0;
        return;
      case "ping":
        this.send({ type: "pong", streamId: 0, payload: frame.payload });
        return;
      case "goaway":
        this.#e.log.info({ goaway: frame.goaway }, "agent is going away");
        this.#stopAccepting();
        if (this.#streams.size === 0) this.#close(1000, "agent going away");
        return;
      default:
        // Frames for a stream that already ended (cancelled, reset) are ignored, as in HTTP/2.
        this.#streams.get(frame.streamId)?.onFrame(frame);
    }
  }

  #tick(): void {
    if (this.#unanswered >= this.#o.missedPongs) {
      this.#e.log.warn({ missed: this.#unanswered }, "agent tunnel missed its pongs; closing");
      this.#stopAccepting();
      this.#ws.terminate();
      return;
    }
    const payload = new Uint8Array(8);
    new DataView(payload.buffer).setFloat64(0, ++this.#pings);
    this.send({ type: "ping", streamId: 0, payload });
    this.#unanswered++;
    if (Date.now() - this.#lastVerified >= this.#o.reverifyMs) {
      this.#lastVerified = Date.now();
      void this.#e.reauthorize().then(
        (ok) => ok || this.#refuse(),
        (err: unknown) => this.#e.log.warn({ err }, "could not re-check the tunnel's node key"),
      );
    }
  }

  #refuse(): void {
    if (!this.#open) return;
    this.#e.log.warn("the tunnel's node key is no longer valid; closing");
    const message = "the node key was revoked or expired";
    this.send({ type: "goaway", streamId: 0, goaway: { reason: "unauthorized", message } });
    this.#stopAccepting();
    this.#close(closeCodes.unauthorized, "node key no longer valid");
  }

  #onClose(code: number, reason: string): void {
    this.#open = false;
    this.#out.clear();
    clearInterval(this.#heartbeat);
    clearTimeout(this.#drainTimer);
    this.#stopAccepting();
    const message = `the tunnel to node ${this.identity.nodeId} closed (${code}${reason ? ` ${reason}` : ""})`;
    for (const stream of [...this.#streams.values()]) stream.reset(message);
    this.#streams.clear();
    this.#e.onClosed(this);
  }
}
