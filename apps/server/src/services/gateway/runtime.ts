import { tunnelDefaults } from "@edgeplane/contracts";
import { type CustomerKeyVerifier, customerKeyVerifier } from "../../keys/customer-verifier.ts";
import type { Logger } from "../../logger.ts";
import type { Db } from "../context.ts";
import { UsageMeter } from "../usage/meter.ts";
import { keyTokensSince } from "../usage/month.ts";
import { writeUsage } from "../usage/write.ts";
import { BudgetTracker } from "./budget.ts";
import { type Catalogue, modelCatalogue } from "./catalogue.ts";
import { fleetView } from "./fleet.ts";
import { NodeGate } from "./gate.ts";
import { RateLimiter } from "./limits.ts";
import type { FleetNode, LiveView } from "./route.ts";
import type { TtlCache } from "./ttl-cache.ts";
import type { TunnelRegistry } from "./tunnel.ts";

export interface GatewayOptions {
  /** Requests of this process on one node at once; beyond, they queue by SLA tier. */
  maxInFlightPerNode: number;
  /** How long a request waits for a saturated node before a 503. */
  saturationWaitMs: number;
  /** Replicas sharing the rate limits (each enforces limit / replicas). */
  replicas: number;
  meterIntervalMs: number;
}

export const defaultGatewayOptions: GatewayOptions = {
  // What one tunnel carries at once: beyond it the tunnel would refuse the stream.
  maxInFlightPerNode: tunnelDefaults.maxConcurrentStreams,
  saturationWaitMs: 10_000,
  replicas: 1,
  meterIntervalMs: 1000,
};

/** Time to the node's first byte per node, smoothed (α = 0.2): routing's measured latency. */
export class LatencyTracker {
  readonly #ms = new Map<string, number>();

  observe(nodeId: string, ms: number): void {
    const prev = this.#ms.get(nodeId);
    this.#ms.set(nodeId, prev === undefined ? ms : prev * 0.8 + ms * 0.2);
  }

  get(nodeId: string): number | null {
    return this.#ms.get(nodeId) ?? null;
  }
}

/** Everything the gateway keeps in this process; built once per server. */
export interface GatewayRuntime {
  db: Db;
  log: Logger;
  tunnels: () => TunnelRegistry;
  keys: CustomerKeyVerifier;
  catalogue: TtlCache<Catalogue>;
  fleet: TtlCache<FleetNode[]>;
  gate: NodeGate;
  limiter: RateLimiter;
  budget: BudgetTracker;
  meter: UsageMeter;
  latency: LatencyTracker;
  options: GatewayOptions;
  live(): LiveView;
}

export function createGatewayRuntime(
  db: Db,
  log: Logger,
  tunnels: () => TunnelRegistry,
  overrides: Partial<GatewayOptions> = {},
): GatewayRuntime {
  const options = { ...defaultGatewayOptions, ...overrides };
  const latency = new LatencyTracker();
  let budget: BudgetTracker | undefined;
  const meter = new UsageMeter((events) => writeUsage(db, events), {
    intervalMs: options.meterIntervalMs,
    log,
    onWritten: (tokens) => budget?.written(tokens),
  });
  budget = new BudgetTracker({
    read: (keyId, fromDay) => keyTokensSince(db, keyId, fromDay),
    unwritten: (keyId) => meter.unwrittenTokens(keyId),
  });
  meter.start();
  return {
    db,
    log,
    tunnels,
    keys: customerKeyVerifier(db, log),
    catalogue: modelCatalogue(db),
    fleet: fleetView(db),
    gate: new NodeGate(options.maxInFlightPerNode),
    limiter: new RateLimiter({ replicas: options.replicas }),
    budget,
    meter,
    latency,
    options,
    live() {
      const t = tunnels();
      return {
        connected: (id) => t.isConnected(id),
        outstanding: (id) => t.outstanding(id),
        measuredLatencyMs: (id) => latency.get(id),
      };
    },
  };
}
