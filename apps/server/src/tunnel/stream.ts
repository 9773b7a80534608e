import {
  InboundBody,
  SendWindow,
  type TunnelFrame,
  type TunnelRequestHead,
  type TunnelSettings,
  type TunnelStreamErrorKind,
} from "@edgeplane/contracts";
import { TunnelError, type TunnelResponse } from "./types.ts";

/** What a stream needs from its tunnel. */
export interface StreamHost {
  readonly settings: TunnelSettings;
  readonly headTimeoutMs: number;
  send(frame: TunnelFrame): void;
  /** The stream no longer counts against the tunnel's concurrency. */
  release(stream: ServerStream): void;
  streamError(kind: TunnelStreamErrorKind | "tunnel_closed" | "timeout"): void;
}

type Phase = "waiting" | "streaming" | "done";

/**
 * One request over the tunnel: sends the head and the body within the agent's credits, then
 * resolves with the response head and a body stream that returns credits as it is read.
 */
export class ServerStream {
  readonly id: number;
  readonly response: Promise<TunnelResponse>;
  readonly #host: StreamHost;
  readonly #sendWindow: SendWindow;
  readonly #signal: AbortSignal;
  #phase: Phase = "waiting";
  #body: InboundBody | null = null;
  #resolve: (r: TunnelResponse) => void = () => {};
  #reject: (e: unknown) => void = () => {};
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onAbort = () => this.#abort();

  constructor(host: StreamHost, id: number, signal: AbortSignal) {
    this.#host = host;
    this.id = id;
    this.#signal = signal;
    this.#sendWindow = new SendWindow(host.settings.initialWindow);
    this.response = new Promise<TunnelResponse>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  start(head: TunnelRequestHead, body: Uint8Array | null): void {
    this.#signal.addEventListener("abort", this.#onAbort, { once: true });
    this.#timer = setTimeout(() => this.#headTimeout(), this.#host.headTimeoutMs);
    const hasBody = body !== null && body.byteLength > 0;
    this.#host.send({ type: "request", streamId: this.id, head, end: !hasBody });
    if (hasBody) void this.#pump(body);
  }

  onFrame(frame: TunnelFrame): void {
    if (this.#phase === "done") return;
    switch (frame.type) {
      case "window_update":
        if (!this.#sendWindow.grant(frame.increment)) this.#violation("window overflow");
        return;
      case "response":
        if (this.#phase !== "waiting") this.#violation("a second response head");
        else this.#respond(frame.head.status, frame.head.headers, frame.end);
        return;
      case "data":
        if (!this.#body) this.#violation("data before the response head");
        else if (!this.#body.push(frame.data)) this.#violation("data beyond the window");
        else if (frame.end) {
          this.#body.end();
          this.#finish();
        }
        return;
      case "error": {
        const { kind, message } = frame.error;
        this.#host.streamError(kind);
        const mapped = kind === "upstream_unreachable" ? kind : "stream_reset";
        this.#fail(
          this.#phase === "waiting" && kind === "refused"
            ? new TunnelError("connect_failed", `the agent refused the request: ${message}`, true)
            : new TunnelError(mapped, message, this.#phase === "waiting"),
        );
        return;
      }
    }
  }

  /** The tunnel is gone: whatever has not ended fails. */
  reset(message: string): void {
    if (this.#phase === "done") return;
    this.#host.streamError("tunnel_closed");
    this.#fail(new TunnelError("stream_reset", message, this.#phase === "waiting"));
  }

  async #pump(body: Uint8Array): Promise<void> {
    const max = this.#host.settings.maxFramePayload;
    let offset = 0;
    while (offset < body.byteLength) {
      await this.#sendWindow.wait();
      if (this.#phase === "done") return;
      const n = this.#sendWindow.take(Math.min(max, body.byteLength - offset));
      const data = body.subarray(offset, offset + n);
      offset += n;
      this.#host.send({ type: "data", streamId: this.id, data, end: offset === body.byteLength });
    }
  }

  #respond(status: number, headers: Record<string, string>, end: boolean): void {
    clearTimeout(this.#timer);
    this.#phase = "streaming";
    const body = new InboundBody({
      window: this.#host.settings.initialWindow,
      onCredit: (increment) => {
        if (this.#phase !== "done")
          this.#host.send({ type: "window_update", streamId: this.id, increment });
      },
      onCancel: () => {
        if (this.#phase === "done") return;
        this.#host.send({ type: "cancel", streamId: this.id });
        this.#finish();
      },
    });
    this.#body = body;
    this.#resolve({ status, headers, body: body.stream });
    if (end) {
      body.end();
      this.#finish();
    }
  }

  #headTimeout(): void {
    if (this.#phase !== "waiting") return;
    this.#host.send({ type: "cancel", streamId: this.id });
    this.#host.streamError("timeout");
    this.#fail(
      new TunnelError("timeout", `no response head within ${this.#host.headTimeoutMs} ms`, true),
    );
  }

  /** The caller gave up: the agent aborts its upstream request. */
  #abort(): void {
    const reason: unknown = this.#signal.reason;
    if (this.#phase !== "done") this.#host.send({ type: "cancel", streamId: this.id });
    this.#fail(reason);
  }

  #violation(what: string): void {
    this.#host.send({ type: "cancel", streamId: this.id });
    this.#host.streamError("protocol");
    const before = this.#phase === "waiting";
    this.#fail(
      new TunnelError("stream_reset", `the agent broke the stream protocol: ${what}`, before),
    );
  }

  #fail(error: unknown): void {
    if (this.#phase === "waiting") this.#reject(error);
    else this.#body?.fail(error);
    this.#finish();
  }

  #finish(): void {
    if (this.#phase === "done") return;
    this.#phase = "done";
    clearTimeout(this.#timer);
    this.#signal.removeEventListener("abort", this.#onAbort);
    this.#sendWindow.close();
    this.#host.release(this);
  }
}
