import { once } from "node:events";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { createLogger } from "@edgeplane/agent";
import { listNodesQuery } from "@edgeplane/contracts";
import { type RunningServer, startServer } from "../server.ts";
import { listNodes } from "../services/nodes/list.ts";
import { type DemoFleet, startDemoFleet } from "./fleet.ts";
import { ensureDemoKeys } from "./keys.ts";
import { agentLogLevel, type DemoOptions, DemoUsageError, demoConfig } from "./options.ts";
import { demoModels, demoOrg, demoSites } from "./plan.ts";
import { type SeededDemo, seedDemo } from "./seed.ts";

export interface RunningDemo {
  /** Where people open the dashboard (PUBLIC_URL). */
  url: string;
  /** The OpenAI base URL for customers. */
  baseUrl: string;
  customerKey: string;
  orgId: string;
  orgName: string;
  sites: number;
  nodes: number;
  models: { id: string; kind: string }[];
  dataDir: string;
  server: RunningServer;
  /** Agents and tunnels first, then the upstreams, then the server. */
  stop(): Promise<void>;
}

/** Listens once on the port: a clear message beats an EADDRINUSE from deep inside the server. */
async function claimPort(port: number): Promise<number> {
  const probe = createServer();
  probe.listen(port, "127.0.0.1");
  try {
    await once(probe, "listening");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    throw new DemoUsageError(
      `port ${port} is in use: stop what listens there, or run DEMO_PORT=${port + 1} npm run demo`,
    );
  }
  const address = probe.address();
  probe.close();
  await once(probe, "close");
  if (address === null || typeof address === "string") throw new Error("no port was assigned");
  return address.port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until every node is online with its tunnel up and the key lists every model: the printed key works. */
async function untilServing(
  server: RunningServer,
  seed: SeededDemo,
  key: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const want = demoModels.map((m) => m.publicId);
  let missing = "";
  while (Date.now() < deadline) {
    const tunnels = seed.nodes.filter((n) => !server.deps.tunnels.isConnected(n.id));
    const page = await listNodes(
      server.deps.database.db,
      seed.orgId,
      listNodesQuery.parse({ limit: 200 }),
    );
    const down = page.items.filter((n) => n.status !== "online" && n.status !== "degraded");
    const res = await fetch(`${server.url}/api/v1/models`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = res.ok ? ((await res.json()) as { data: { id: string }[] }) : null;
    const listed = new Set(body?.data.map((m) => m.id) ?? []);
    const absent = want.filter((id) => !listed.has(id));
    if (tunnels.length === 0 && down.length === 0 && absent.length === 0) return;
    missing = `tunnels down: ${tunnels.length}, nodes not online: ${down.length}, models not listed: ${absent.join(", ") || "none"}`;
    await sleep(250);
  }
  throw new Error(`the demo fleet did not come up within ${timeoutMs / 1000} s (${missing})`);
}

/**
 * The whole demo in this process: the real server on the demo's data dir, the demo org
 * seeded through the services, a simulated fleet tunnelled to reference upstreams.
 */
export async function startDemo(o: DemoOptions, readyTimeoutMs = 45_000): Promise<RunningDemo> {
  const port = await claimPort(o.port);
  await mkdir(o.dataDir, { recursive: true });
  const config = demoConfig({ ...o, port });
  const server = await startServer(config);
  let fleet: DemoFleet | undefined;
  try {
    const seed = await seedDemo(server.deps);
    const keys = await ensureDemoKeys(seed, o.dataDir);
    fleet = await startDemoFleet({
      url: server.url,
      nodes: seed.nodes,
      keys: keys.nodes,
      dataDir: o.dataDir,
      log: createLogger({
        level: agentLogLevel(config.logLevel),
        write: (line) => process.stderr.write(`${line}\n`),
      }),
    });
    await untilServing(server, seed, keys.customerKey, readyTimeoutMs);
    const running = fleet;
    let stopping: Promise<void> | undefined;
    return {
      url: config.publicUrl,
      baseUrl: `${config.publicUrl}/api/v1`,
      customerKey: keys.customerKey,
      orgId: seed.orgId,
      orgName: demoOrg.name,
      sites: demoSites.length,
      nodes: seed.nodes.length,
      models: demoModels.map((m) => ({ id: m.publicId, kind: m.kind })),
      dataDir: o.dataDir,
      server,
      stop() {
        stopping ??= running.stop().then(() => server.close());
        return stopping;
      },
    };
  } catch (err) {
    await fleet?.stop();
    await server.close();
    throw err;
  }
}
