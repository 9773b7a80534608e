import type { ClientRequest, IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import {
  InboundBody,
  SendWindow,
  type TunnelFrame,
  type TunnelRequestHead,
  type TunnelSettings,
  type TunnelStreamErrorKind,
} from "@edgeplane/contracts";
import { requestHeaders, responseHeaders } from "./headers.ts";
import { openUpstream, responseBody, type UpstreamAgents } from "./upstream-http.ts";
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
  agents: UpstreamAgents;
  settings: TunnelSettings;
  counters: StreamCounters;
  send(frame: TunnelFrame): void;
  release(stream: UpstreamStream): void;
}

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));
/** Responses that never carry a body, whatever their headers say. */
const bodiless = (method: string, status: number) =>
  method === "HEAD" || status === 204 || status === 304;

/**
 * One tunnel stream on the agent: the request goes to the upstream with its body fed from DATA
 * frames; the response comes back within the server's credits. While the server grants no
 * credit the upstream body is paused, so the upstream's socket fills and it slows down.
 */
export class UpstreamStream {
  readonly id: number;
  readonly #ctx: StreamContext;
  readonly #head: TunnelRequestHead;
  readonly #sendWindow: SendWindow;
  readonly #body: InboundBody | null;
  #req: ClientRequest | null = null;
  #responded = false;
  /** Upstream bytes read and not yet framed: they wait for credit, the upstream is paused. */
  #pending: Uint8Array | null = null;
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
    const head = this.#head;
    const url = upstreamUrl(this.#ctx.upstream, head.path);
    if (!url) {
      this.#fail("refused", `path ${head.path.slice(0, 200)} leaves the upstream`);
      return;
    }
    let req: ClientRequest;
    try {
      const headers = requestHeaders(head, this.#body !== null, this.#ctx.upstreamApiKey);
      req = openUpstream(this.#ctx.agents, url, head.method, headers);
    } catch (err) {
      this.#fail("upstream_unreachable", describe(err));
      return;
    }
    this.#req = req;
    req.on("error", (err) =>
      this.#responded
        ? this.#fail("stream_reset", `the upstream broke off: ${describe(err)}`)
        : this.#fail("upstream_unreachable", describe(err)),
    );
    req.once("response", (res) => this.#respond(res));
    if (this.#body) void this.#pumpBody(req, this.#body);
    else req.end();
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
    this.#req?.destroy();
    this.#body?.fail(new Error("stream cancelled"));
  }

  /** The request body, as the reader of the DATA frames (which returns their credits). */
  async #pumpBody(req: ClientRequest, body: InboundBody): Promise<void> {
    const reader = body.stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.#done) break;
        if (!req.write(value)) await drained(req);
      }
      if (!this.#done) req.end();
    } catch {
      // The body failed because the stream was cancelled; cancel() has aborted the request.
    }
  }

  #respond(res: IncomingMessage): void {
    this.#responded = true;
    if (this.#done) {
      res.destroy();
      return;
    }
    const status = res.statusCode ?? 502;
    const { body, decoded } = responseBody(res);
    const end = bodiless(this.#head.method, status);
    const head = { status, headers: responseHeaders(res.headers, decoded) };
    this.#ctx.send({ type: "response", streamId: this.id, head, end });
    if (end) {
      res.resume();
      this.#finish();
      return;
    }
    const broke = (err?: Error) =>
      this.#fail("stream_reset", `the upstream broke off: ${err ? describe(err) : "closed"}`);
    res.on("error", broke);
    res.on("close", () => res.complete || broke());
    body.on("error", broke);
    body.on("data", (chunk: Uint8Array) => this.#forward(chunk, body));
    body.on("end", () => {
      if (this.#done) return;
      this.#ctx.send({ type: "data", streamId: this.id, data: new Uint8Array(0), end: true });
      this.#finish();
    });
  }

  /** Frames one upstream chunk within the credits; pauses the upstream while there are none. */
  #forward(chunk: Uint8Array, body: Readable): void {
    if (this.#done) return;
    const counters = this.#ctx.counters;
    counters.bytesFromUpstream += chunk.byteLength;
    counters.pendingBytes += chunk.byteLength;
    counters.peakPendingBytes = Math.max(counters.peakPendingBytes, counters.pendingBytes);
    this.#pending = chunk;
    this.#sendPending();
    if (this.#pending) {
      body.pause();
      void this.#awaitCredit(body);
    }
  }

  #sendPending(): void {
    const max = this.#ctx.settings.maxFramePayload;
    let chunk = this.#pending;
    while (chunk && !this.#done && this.#sendWindow.available > 0) {
      const n = this.#sendWindow.take(Math.min(max, chunk.byteLength));
      this.#ctx.send({ type: "data", streamId: this.id, data: chunk.subarray(0, n), end: false });
      this.#ctx.counters.pendingBytes -= n;
      chunk = n < chunk.byteLength ? chunk.subarray(n) : null;
    }
    this.#pending = chunk;
  }

  async #awaitCredit(body: Readable): Promise<void> {
    const counters = this.#ctx.counters;
    counters.awaitingCredit++;
    while (this.#pending && !this.#done) {
      await this.#sendWindow.wait();
      this.#sendPending();
    }
    counters.awaitingCredit--;
    if (!this.#done) body.resume();
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
    if (this.#pending) this.#ctx.counters.pendingBytes -= this.#pending.byteLength;
    this.#pending = null;
    this.#sendWindow.close();
    this.#ctx.release(this);
  }
}

/** Resolves once the request can take more body, or is gone. */
function drained(req: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off("drain", done);
      req.off("close", done);
      resolve();
    };
    req.once("drain", done);
    req.once("close", done);
  });
}
