import {
  decodeMessage,
  FrameBatcher,
  type TunnelFrame,
  type TunnelGoaway,
  TunnelProtocolError,
  type TunnelSettings,
  tunnelPath,
} from "@edgeplane/contracts";
import type { Logger } from "../log.ts";
import { userAgent } from "../version.ts";
import type { UpstreamAgents } from "./upstream-http.ts";
import { type StreamContext, type StreamCounters, UpstreamStream } from "./upstream-stream.ts";

export interface SessionOptions {
  /** The control plane's http(s) URL. */
  url: string;
  key: string;
  upstream: string;
  upstreamApiKey: string | null;
  agents: UpstreamAgents;
  log: Logger;
  counters: SessionCounters;
  /** No SETTINGS from the server by then: give up on this attempt. */
  connectTimeoutMs: number;
  onOpen: () => void;
}

export interface SessionCounters extends StreamCounters {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  streamsTotal: number;
}

export interface SessionEnd {
  /** Whether the server accepted the tunnel (sent SETTINGS). */
  opened: boolean;
  code: number;
  reason: string;
  goaway: TunnelGoaway["reason"] | null;
}

/** Node's WebSocket (undici) also takes `{ headers }`; the DOM typings in use do not say so. */
const NodeWebSocket = WebSocket as unknown as new (
  url: string,
  init: { headers: Record<string, string> },
) => WebSocket;

export function tunnelUrl(controlPlane: string): string {
  const u = new URL(`${controlPlane.replace(/\/+$/, "")}${tunnelPath}`);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}

/** One WebSocket to the control plane: answers pings, runs the streams the server opens. */
export class TunnelSession {
  readonly ended: Promise<SessionEnd>;
  readonly #o: SessionOptions;
  readonly #ws: WebSocket;
  readonly #out: FrameBatcher;
  readonly #streams = new Map<number, UpstreamStream>();
  #settings: TunnelSettings | null = null;
  #goaway: TunnelGoaway["reason"] | null = null;
  #lastFrameAt = Date.now();
  #watchdog: ReturnType<typeof setInterval> | undefined;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  #resolve: (end: SessionEnd) => void = () => {};
  #onIdle: (() => void) | null = null;
  #over = false;

  constructor(o: SessionOptions) {
    this.#o = o;
    this.ended = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    // The key travels in a header, never in the URL (proxies and access logs keep URLs).
    this.#ws = new NodeWebSocket(tunnelUrl(o.url), {
      headers: { authorization: `Bearer ${o.key}`, "user-agent": userAgent },
    });
    this.#ws.binaryType = "arraybuffer";
    this.#out = new FrameBatcher((message) => this.#ws.send(message));
    this.#ws.onmessage = (ev) => this.#onMessage(ev.data);
    this.#ws.onclose = (ev) => this.#end(ev.code, ev.reason);
    this.#ws.onerror = () => {};
    this.#connectTimer = setTimeout(
      () => this.#close(4008, "no settings from the server"),
      o.connectTimeoutMs,
    );
  }

  get streams(): number {
    return this.#streams.size;
  }

  get socketBuffered(): number {
    return this.#ws.bufferedAmount;
  }

  /** Says goaway (the server sends no new streams), lets running ones finish up to drainMs. */
  async stop(drainMs: number): Promise<void> {
    if (this.#over) return;
    if (this.#settings && this.#ws.readyState === WebSocket.OPEN) {
      const goaway = { reason: "shutdown", message: "the agent is stopping" } as const;
      this.#send({ type: "goaway", streamId: 0, goaway });
      if (this.#streams.size > 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          new Promise<void>((resolve) => {
            this.#onIdle = resolve;
          }),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, drainMs);
          }),
          this.ended,
        ]);
        clearTimeout(timer);
      }
    }
    this.#close(1000, "agent stopping");
  }

  #send(frame: TunnelFrame): void {
    if (this.#over || this.#ws.readyState !== WebSocket.OPEN) return;
    this.#o.counters.framesOut++;
    this.#o.counters.bytesOut += this.#out.push(frame);
  }

  #onMessage(data: unknown): void {
    if (this.#over) return;
    this.#lastFrameAt = Date.now();
    // A bad frame, or a failure handling one, ends this tunnel (and a reconnect follows).
    try {
      if (!(data instanceof ArrayBuffer)) throw new TunnelProtocolError("text message");
      const frames = decodeMessage(new Uint8Array(data), "server");
      this.#o.counters.framesIn += frames.length;
      this.#o.counters.bytesIn += data.byteLength;
      for (const frame of frames) {
        if (this.#over) return;
        if (!this.#settings && frame.type !== "settings")
          throw new TunnelProtocolError(`${frame.type} before settings`);
        this.#dispatch(frame);
      }
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      this.#o.log.error("the tunnel broke; closing it", { error: message });
      const goaway = { reason: "protocol_error", message } as const;
      this.#send({ type: "goaway", streamId: 0, goaway });
      this.#close(err instanceof TunnelProtocolError ? 4002 : 4011, "protocol error");
    }
  }

  #dispatch(frame: TunnelFrame): void {
    switch (frame.type) {
      case "settings":
        this.#opened(frame.settings);
        return;
      case "ping":
        this.#send({ type: "pong", streamId: 0, payload: frame.payload });
        return;
      case "pong":
        return;
      case "goaway":
        this.#goaway = frame.goaway.reason;
        this.#o.log[frame.goaway.reason === "shutdown" ? "info" : "warn"](
          "the control plane is closing the tunnel",
          { ...frame.goaway },
        );
        return;
      case "request":
        this.#request(frame.streamId, frame);
        return;
      default:
        this.#streams.get(frame.streamId)?.onFrame(frame);
    }
  }

  #opened(settings: TunnelSettings): void {
    if (this.#settings) return;
    this.#settings = settings;
    clearTimeout(this.#connectTimer);
    // The server pings every interval; silence for missedPongs + 1 intervals means it is gone.
    const deadline = settings.pingIntervalMs * (settings.missedPongs + 1);
    this.#watchdog = setInterval(() => {
      if (Date.now() - this.#lastFrameAt > deadline) this.#close(4001, "no ping from the server");
    }, settings.pingIntervalMs);
    this.#o.onOpen();
    this.#o.log.info("tunnel connected", {
      nodeId: settings.nodeId,
      maxConcurrentStreams: settings.maxConcurrentStreams,
    });
  }

  #request(id: number, frame: Extract<TunnelFrame, { type: "request" }>): void {
    const settings = this.#settings;
    if (!settings) return;
    const refusal = this.#streams.has(id)
      ? `stream ${id} is already open`
      : this.#streams.size >= settings.maxConcurrentStreams
        ? "too many streams"
        : null;
    if (refusal) {
      this.#send({ type: "error", streamId: id, error: { kind: "refused", message: refusal } });
      return;
    }
    const ctx: StreamContext = {
      upstream: this.#o.upstream,
      upstreamApiKey: this.#o.upstreamApiKey,
      agents: this.#o.agents,
      settings,
      counters: this.#o.counters,
      send: (f) => this.#send(f),
      release: (s) => {
        this.#streams.delete(s.id);
        if (this.#streams.size === 0) this.#onIdle?.();
      },
    };
    const stream = new UpstreamStream(ctx, id, frame.head, frame.end);
    this.#streams.set(id, stream);
    this.#o.counters.streamsTotal++;
    stream.start();
  }

  #close(code: number, reason: string): void {
    try {
      if (this.#ws.readyState === WebSocket.OPEN) this.#out.flush();
      this.#ws.close(code, reason);
    } catch {}
    // A dead peer may never finish the closing handshake: this attempt is over now.
    this.#end(code, reason);
  }

  #end(code: number, reason: string): void {
    if (this.#over) return;
    this.#over = true;
    this.#out.clear();
    clearTimeout(this.#connectTimer);
    clearInterval(this.#watchdog);
    for (const stream of [...this.#streams.values()]) stream.cancel();
    this.#streams.clear();
    this.#resolve({ opened: this.#settings !== null, code, reason, goaway: this.#goaway });
  }
}
