import { sleep } from "../agent/sleep.ts";
import type { Logger } from "../log.ts";
import { ControlPlaneClient } from "../transport/client.ts";
import { type SessionCounters, TunnelSession } from "./session.ts";
import { createUpstreamAgents, destroyUpstreamAgents } from "./upstream-http.ts";

export interface TunnelClientOptions {
  /** The control plane's http(s) URL (the same as for telemetry). */
  url: string;
  key: string;
  /** The inference server's OpenAI base URL: the only address the tunnel ever dials. */
  upstream: string;
  upstreamApiKey?: string | null;
  log: Logger;
  /** Asked after a refused handshake, whose status a WebSocket does not expose. */
  controlPlane?: ControlPlaneClient;
  /** First reconnect delay; doubles per failed attempt up to `retryMaxMs`, with jitter. */
  retryMinMs?: number;
  retryMaxMs?: number;
  connectTimeoutMs?: number;
  /** On stop, how long running streams may finish. */
  drainMs?: number;
  random?: () => number;
}

export type TunnelExit = { reason: "stopped" } | { reason: "unauthorized"; message: string };

export interface TunnelStats {
  connected: boolean;
  /** Tunnels opened (the server sent SETTINGS), reconnects included. */
  connects: number;
  streamsOpen: number;
  streamsTotal: number;
  /** Bytes read from the upstream and not yet handed to the socket, plus the socket's buffer. */
  bufferedBytes: number;
  /** The most upstream bytes ever waiting for credit at once. */
  peakPendingBytes: number;
  /** Streams holding an upstream response until the gateway reads on. */
  streamsAwaitingCredit: number;
  bytesFromUpstream: number;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
}

/**
 * Keeps one outbound tunnel to the control plane open: reconnects with jittered exponential
 * back-off, and stops for good when the control plane refuses the node key (401/403).
 */
export class TunnelClient {
  readonly #o: Required<Omit<TunnelClientOptions, "upstreamApiKey">> & {
    upstreamApiKey: string | null;
  };
  readonly #stop = new AbortController();
  readonly #counters: SessionCounters = {
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    streamsTotal: 0,
    bytesFromUpstream: 0,
    pendingBytes: 0,
    peakPendingBytes: 0,
    awaitingCredit: 0,
  };
  readonly #agents = createUpstreamAgents();
  #session: TunnelSession | null = null;
  #connected = false;
  #connects = 0;

  constructor(options: TunnelClientOptions) {
    this.#o = {
      retryMinMs: 1000,
      retryMaxMs: 30_000,
      connectTimeoutMs: 15_000,
      drainMs: 10_000,
      random: Math.random,
      ...options,
      controlPlane:
        options.controlPlane ?? new ControlPlaneClient({ url: options.url, key: options.key }),
      upstreamApiKey: options.upstreamApiKey ?? null,
    };
  }

  stats(): TunnelStats {
    const c = this.#counters;
    const socket = this.#session?.socketBuffered ?? 0;
    return {
      connected: this.#connected,
      connects: this.#connects,
      streamsOpen: this.#session?.streams ?? 0,
      streamsTotal: c.streamsTotal,
      bufferedBytes: c.pendingBytes + socket,
      peakPendingBytes: c.peakPendingBytes,
      streamsAwaitingCredit: c.awaitingCredit,
      bytesFromUpstream: c.bytesFromUpstream,
      framesIn: c.framesIn,
      framesOut: c.framesOut,
      bytesIn: c.bytesIn,
      bytesOut: c.bytesOut,
    };
  }

  /** Lets running streams finish (up to drainMs), then closes; run() then resolves. */
  stop(): void {
    if (this.#stop.signal.aborted) return;
    this.#stop.abort();
    void this.#session?.stop(this.#o.drainMs);
  }

  async run(): Promise<TunnelExit> {
    try {
      return await this.#loop();
    } finally {
      destroyUpstreamAgents(this.#agents);
    }
  }

  async #loop(): Promise<TunnelExit> {
    const { log } = this.#o;
    const signal = this.#stop.signal;
    let failures = 0;
    while (!signal.aborted) {
      const session = new TunnelSession({
        url: this.#o.url,
        key: this.#o.key,
        upstream: this.#o.upstream,
        upstreamApiKey: this.#o.upstreamApiKey,
        agents: this.#agents,
        log,
        counters: this.#counters,
        connectTimeoutMs: this.#o.connectTimeoutMs,
        onOpen: () => {
          this.#connected = true;
          this.#connects++;
        },
      });
      this.#session = session;
      const end = await session.ended;
      this.#connected = false;
      this.#session = null;
      if (signal.aborted) break;
      if (!end.opened || end.goaway === "unauthorized") {
        const who = await this.#o.controlPlane.whoami(signal);
        if (who.kind === "unauthorized") return this.#unauthorized(who.detail);
      }
      // A replaced tunnel means another agent holds this key: back off instead of fighting it.
      failures = end.opened && end.goaway !== "replaced" ? 0 : failures + 1;
      const delay = this.#backoff(failures);
      const fields = { code: end.code, reason: end.reason, retryInMs: Math.round(delay) };
      if (end.opened) log.warn("tunnel closed; reconnecting", { ...fields, goaway: end.goaway });
      else log[failures === 1 ? "warn" : "debug"]("tunnel could not connect", fields);
      await sleep(delay, signal);
    }
    return { reason: "stopped" };
  }

  #backoff(failures: number): number {
    const { retryMinMs, retryMaxMs, random } = this.#o;
    const ceiling = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(failures, 30));
    return ceiling / 2 + random() * (ceiling / 2);
  }

  #unauthorized(detail: string): TunnelExit {
    this.#o.log.error("node key rejected; the tunnel stops", { detail });
    const message = `the control plane refused the node key (${detail}): it is wrong, revoked or expired. Create a new key under /nodes/keys and restart the agent with it`;
    return { reason: "unauthorized", message };
  }
}
