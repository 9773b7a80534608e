import {
  InboundBody,
  SendWindow,
  type TunnelFrame,
  type TunnelRequestHead,
  type TunnelSettings,
  type TunnelStreamErrorKind,
} from "@edgeplane/contracts";
import { requestHeaders, responseHeaders } from "./headers.ts";
import { upstreamUrl } from "./upstream-url.ts";

/** Counters the streams update; the client reports them in `stats()`. */
export interface StreamCounters {
  bytesFromUpstream: number;
  /** Bytes read from upstreams and not yet framed (waiting for credit). */
  pendingBytes: number;
  peakPendingBytes: number;
  awaitingCredit: number;
}

export interface StreamContext {
  upstream: string;
  upstreamApiKey: string | null;
  settings: TunnelSettings;
  counters: StreamCounters;
  send(frame: TunnelFrame): void;
  release(stream: UpstreamStream): void;
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = cause?.code ?? cause?.message;
  const message = err instanceof Error ? err.message : String(err);
  return typeof detail === "string" ? `${message}: ${detail}` : message;
}

/**
 * One tunnel stream on the agent: the request goes to the upstream with its body fed from DATA
 * frames; the response comes back within the server's credits. While the server grants no
 * credit the upstream body is not read, so the upstream's socket fills and it slows down.
 */
export class UpstreamStream {
  readonly id: number;
  readonly #ctx: StreamContext;
  readonly #head: TunnelRequestHead;
  readonly #abort = new AbortController();
  readonly #sendWindow: SendWindow;
  readonly #body: InboundBody | null;
  #done = false;

  constructor(ctx: StreamContext, id: number, head: TunnelRequestHead, end: boolean) {
    this.#ctx = ctx;
    this.id = id;
    this.#head = head;
    this.#sendWindow = new SendWindow(ctx.settings.initialWindow);
    this.#body = end
      ? null
      : new InboundBody({
          window: ctx.settings.initialWindow,
          onCredit: (increment) => {
            if (!this.#done) ctx.send({ type: "window_update", streamId: id, increment });
          },
          onCancel: () => {},
        });
  }

  start(): void {
    void this.#run();
  }

  onFrame(frame: TunnelFrame): void {
    if (this.#done) return;
    if (frame.type === "cancel") this.cancel();
    else if (frame.type === "window_update") {
      if (!this.#sendWindow.grant(frame.increment)) this.#fail("protocol", "window overflow");
    } else if (frame.type === "data") {
      if (!this.#body?.push(frame.data)) this.#fail("protocol", "request body overran");
      else if (frame.end) this.#body.end();
    }
  }

  /** The server gave up on the stream, or the tunnel is gone: abort the upstream request. */
  cancel(): void {
    if (this.#done) return;
    this.#finish();
    this.#abort.abort();
    this.#body?.fail(new Error("stream cancelled"));
  }

  async #run(): Promise<void> {
    const head = this.#head;
    const url = upstreamUrl(this.#ctx.upstream, head.path);
    if (!url) return this.#fail("refused", `path ${head.path.slice(0, 200)} leaves the upstream`);
    let res: Response;
    try {
      // A streamed request body needs `duplex` (Node's fetch), which the DOM typings lack.
      const init: RequestInit & { duplex: "half" } = {
        method: head.method,
        headers: requestHeaders(head, this.#body !== null, this.#ctx.upstreamApiKey),
        body: this.#body?.stream ?? null,
        duplex: "half",
        // Only ever the configured upstream: a redirect goes back to the caller as it is.
        redirect: "manual",
        signal: this.#abort.signal,
      };
      res = await fetch(url, init);
    } catch (err) {
      return this.#fail("upstream_unreachable", describe(err));
    }
    if (this.#done) return void res.body?.cancel().catch(() => {});
    const end = res.body === null;
    this.#ctx.send({
      type: "response",
      streamId: this.id,
      head: { status: res.status, headers: responseHeaders(res.headers) },
      end,
    });
    if (res.body === null) return this.#finish();
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (this.#done) return;
        if (done) break;
        await this.#forward(value);
        if (this.#done) return;
      }
    } catch (err) {
      return this.#fail("stream_reset", `the upstream broke off: ${describe(err)}`);
    }
    this.#ctx.send({ type: "data", streamId: this.id, data: new Uint8Array(0), end: true });
    this.#finish();
  }

  /** Frames one upstream chunk, spending credits; waits (not reading on) while there are none. */
  async #forward(chunk: Uint8Array): Promise<void> {
    const counters = this.#ctx.counters;
    const max = this.#ctx.settings.maxFramePayload;
    counters.bytesFromUpstream += chunk.byteLength;
    counters.pendingBytes += chunk.byteLength;
    counters.peakPendingBytes = Math.max(counters.peakPendingBytes, counters.pendingBytes);
    let offset = 0;
    try {
      while (offset < chunk.byteLength && !this.#done) {
        if (this.#sendWindow.available === 0) {
          counters.awaitingCredit++;
          await this.#sendWindow.wait();
          counters.awaitingCredit--;
          if (this.#done) return;
        }
        const n = this.#sendWindow.take(Math.min(max, chunk.byteLength - offset));
        const data = chunk.subarray(offset, offset + n);
        offset += n;
        counters.pendingBytes -= n;
        this.#ctx.send({ type: "data", streamId: this.id, data, end: false });
      }
    } finally {
      counters.pendingBytes -= chunk.byteLength - offset;
    }
  }

  #fail(kind: TunnelStreamErrorKind, message: string): void {
    if (this.#done) return;
    const error = { kind, message: message.slice(0, 1000) };
    this.#ctx.send({ type: "error", streamId: this.id, error });
    this.cancel();
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#sendWindow.close();
    this.#ctx.release(this);
  }
}
