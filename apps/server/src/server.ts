import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { createDeps, type Deps } from "./deps.ts";
import { closeGateway } from "./gateway/runtime.ts";
import { startJobs } from "./jobs/index.ts";
import { tunnelUpgradeHandler } from "./tunnel/upgrade.ts";

export interface RunningServer {
  url: string;
  deps: Deps;
  server: ServerType;
  /** Stops accepting, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  overrides: Parameters<typeof createDeps>[1] = {},
): Promise<RunningServer> {
  const deps = await createDeps(config, overrides);
  const app = createApp(deps);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
  });
  const jobs = config.ops.jobsEnabled ? startJobs(deps) : undefined;
  // Agent tunnels (WebSocket) arrive as upgrades, outside the Hono app; only that path upgrades.
  server.on("upgrade", tunnelUpgradeHandler(deps));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    deps,
    server,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ("closeIdleConnections" in server) server.closeIdleConnections();
        });
        // Open tunnels would hold server.close() forever: agents are told to go and reconnect.
        await deps.tunnels.close();
        await stopped;
        await jobs?.stop();
        await deps.telemetry.close();
        await closeGateway(deps);
        await deps.database.close();
      })();
      return closing;
    },
  };
}
