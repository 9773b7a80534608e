import type { Deps } from "../deps.ts";
import {
  createGatewayRuntime,
  type GatewayOptions,
  type GatewayRuntime,
} from "../services/gateway/runtime.ts";
import type { TunnelRegistry } from "../services/gateway/tunnel.ts";

const runtimes = new WeakMap<Deps, GatewayRuntime>();

/** The gateway's per-process state for a server, created on first use. */
export function gatewayRuntime(deps: Deps): GatewayRuntime {
  let rt = runtimes.get(deps);
  if (!rt) {
    rt = createGatewayRuntime(deps.database.db, deps.log, () => deps.tunnels);
    runtimes.set(deps, rt);
  }
  return rt;
}

/**
 * Replaces the gateway's state with one built from these options (tests, benchmarks): another
 * tunnel registry, smaller per-node limits. Usage buffered by the old state is written first.
 */
export async function configureGateway(
  deps: Deps,
  overrides: Partial<GatewayOptions> & { tunnels?: TunnelRegistry },
): Promise<GatewayRuntime> {
  await runtimes.get(deps)?.meter.close();
  const { tunnels, ...options } = overrides;
  const rt = createGatewayRuntime(
    deps.database.db,
    deps.log,
    () => tunnels ?? deps.tunnels,
    options,
  );
  runtimes.set(deps, rt);
  return rt;
}

/** Writes buffered usage before the database closes (server shutdown). */
export async function closeGateway(deps: Deps): Promise<void> {
  await runtimes.get(deps)?.meter.close();
}
