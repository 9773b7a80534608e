import type { Registry } from "prom-client";
import type { WebSocket } from "ws";
import type { NodeKeyIdentity } from "../keys/verifier.ts";
import type { Logger } from "../logger.ts";
import { ServerTunnel, type TunnelOptions, tunnelOptions } from "./connection.ts";
import { createTunnelMetrics, type TunnelMetrics } from "./metrics.ts";
import {
  TunnelError,
  type TunnelRegistry,
  type TunnelRequest,
  type TunnelResponse,
} from "./types.ts";

export {
  TunnelError,
  type TunnelErrorKind,
  type TunnelRegistry,
  type TunnelRequest,
  type TunnelResponse,
} from "./types.ts";

export interface TunnelHubOptions extends Partial<TunnelOptions> {
  log: Logger;
  /** Where the tunnel counters go (the server's /metrics registry). */
  registry: Registry;
}

/**
 * The agent tunnels that terminate on this replica, in memory only. With N replicas behind a load
 * balancer, each agent's one tunnel lands on one replica, and a replica routes only to the nodes
 * tunnelled to it: a gateway request sees about 1/N of the fleet. So the gateway runs correctly
 * on one replica today; with more, agents must hold a tunnel to every replica (not built yet).
 */
export class TunnelHub implements TunnelRegistry {
  readonly #options: TunnelOptions;
  readonly #log: Logger;
  readonly #metrics: TunnelMetrics;
  readonly #current = new Map<string, ServerTunnel>();
  /** Every open tunnel per node, the one being replaced included (it finishes its streams). */
  readonly #byNode = new Map<string, Set<ServerTunnel>>();
  readonly #listeners = new Set<(nodeId: string, connected: boolean) => void>();
  #closing = false;

  constructor(options: TunnelHubOptions) {
    const { log, registry, ...rest } = options;
    this.#options = tunnelOptions(rest);
    this.#log = log;
    this.#metrics = createTunnelMetrics(registry, {
      tunnels: () => this.#current.size,
      streams: () => {
        let n = 0;
        for (const set of this.#byNode.values()) for (const t of set) n += t.outstanding;
        return n;
      },
    });
  }

  /** Takes an authenticated WebSocket; a newer tunnel for the node replaces the older one. */
  attach(
    ws: WebSocket,
    identity: NodeKeyIdentity,
    reauthorize: () => Promise<boolean>,
  ): ServerTunnel | null {
    if (this.#closing) {
      ws.close(1001, "server shutting down");
      return null;
    }
    const { nodeId } = identity;
    const tunnel = new ServerTunnel(ws, identity, this.#options, {
      log: this.#log.child({ nodeId, keyId: identity.keyId }),
      metrics: this.#metrics,
      reauthorize,
      onStopAccepting: (t) => this.#detach(t),
      onClosed: (t) => {
        this.#detach(t);
        const set = this.#byNode.get(nodeId);
        set?.delete(t);
        if (set?.size === 0) this.#byNode.delete(nodeId);
      },
    });
    const previous = this.#current.get(nodeId);
    this.#current.set(nodeId, tunnel);
    let set = this.#byNode.get(nodeId);
    if (!set) {
      set = new Set();
      this.#byNode.set(nodeId, set);
    }
    set.add(tunnel);
    previous?.drain("replaced", "a newer tunnel for this node connected");
    this.#log.info({ nodeId, replaced: Boolean(previous) }, "agent tunnel connected");
    this.#emit(nodeId, true);
    return tunnel;
  }

  isConnected(nodeId: string): boolean {
    return this.#current.has(nodeId);
  }

  connectedNodeIds(): string[] {
    return [...this.#current.keys()];
  }

  outstanding(nodeId: string): number {
    let n = 0;
    for (const t of this.#byNode.get(nodeId) ?? []) n += t.outstanding;
    return n;
  }

  async request(nodeId: string, req: TunnelRequest): Promise<TunnelResponse> {
    req.signal.throwIfAborted();
    const tunnel = this.#current.get(nodeId);
    if (!tunnel)
      throw new TunnelError("not_connected", `node ${nodeId} has no tunnel to this server`, true);
    return tunnel.open(req);
  }

  onChange(listener: (nodeId: string, connected: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells every agent to go away, resets the streams and waits (bounded) for the sockets. */
  async close(): Promise<void> {
    this.#closing = true;
    const all = [...this.#byNode.values()].flatMap((set) => [...set]);
    await Promise.all(all.map((t) => t.shutdown()));
  }

  #detach(tunnel: ServerTunnel): void {
    const { nodeId } = tunnel.identity;
    if (this.#current.get(nodeId) !== tunnel) return;
    this.#current.delete(nodeId);
    this.#log.info({ nodeId }, "agent tunnel disconnected");
    this.#emit(nodeId, false);
  }

  #emit(nodeId: string, connected: boolean): void {
    for (const listener of this.#listeners) {
      try {
        listener(nodeId, connected);
      } catch (err) {
        this.#log.error({ err, nodeId }, "a tunnel change listener failed");
      }
    }
  }
}
