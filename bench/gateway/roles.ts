/**
 * The processes of the gateway benchmark, one role each: `node bench/gateway/roles.ts <role>
 * '<json options>'`. Each prints one line of JSON on stdout once it is ready, and exits on SIGTERM.
 * server: the Edgeplane server with one org, node, model and customer key (prepare, then serve).
 * agent: the node agent's tunnel to that server, in front of an upstream.
 * upstream: the reference upstream (the stand-in for vLLM).
 * floor-server, floor-agent: the bare relay of floor.ts (the architecture's cost, no features).
 */
import { benchModel, upstreamModel } from "./models.ts";

function announce(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function onTerm(stop: () => Promise<unknown>): void {
  process.once("SIGTERM", () => {
    void stop().finally(() => process.exit(0));
  });
}

interface Seeded {
  nodeKey: string;
  customerKey: string;
}

/** One org with a node (online, serving the bench model), the model and a customer key. */
async function seed(db: import("@edgeplane/db").Db): Promise<Seeded> {
  const { newGatewayId, newId } = await import("@edgeplane/contracts");
  const { schema } = await import("@edgeplane/db");
  const { seedBenchNode } = await import("../support/seed.ts");
  const { generateCustomerKey, generateNodeKey } = await import(
    "../../apps/server/src/keys/secret.ts"
  );
  const { recordNodeModels } = await import(
    "../../apps/server/src/services/models/record-node-models.ts"
  );
  const { orgId, nodeId } = await seedBenchNode(db, { status: "online" });
  const nodeKey = generateNodeKey();
  await db
    .insert(schema.nodeKeys)
    .values({ id: newId("nodeKey"), orgId, nodeId, start: nodeKey.start, hash: nodeKey.hash });
  await recordNodeModels(db, nodeId, [upstreamModel], new Date());
  await db.insert(schema.models).values({
    id: newGatewayId("model"),
    orgId,
    publicId: benchModel,
    upstreamName: upstreamModel,
    kind: "chat",
    contextLength: 32_768,
    inputPricePerMTok: 0.05,
    outputPricePerMTok: 0.08,
  });
  const customerId = newGatewayId("customer");
  await db.insert(schema.customers).values({
    id: customerId,
    orgId,
    name: "Bench customer",
    supportTier: "basic",
    slaTier: "standard",
    allowedRegions: ["africa"],
  });
  const customerKey = generateCustomerKey();
  await db.insert(schema.customerKeys).values({
    id: newGatewayId("customerKey"),
    orgId,
    customerId,
    start: customerKey.start,
    hash: customerKey.hash,
  });
  return { nodeKey: nodeKey.secret, customerKey: customerKey.secret };
}

/**
 * `prepare`: migrate and seed the database (a PGlite `dataDir`, or `databaseUrl`), print the
 * keys and exit, so that the serving process opens an existing database as a restarted
 * production server does (a first start's initdb leaves ~200 MB of garbage in the process
 * until a GC reclaims it). Otherwise serve that database with the `seeded` keys.
 * `maxStreams` raises the tunnel's and the gateway's per-node stream limits (1,000 streams).
 */
async function serverRole(o: {
  prepare?: boolean;
  seeded?: Seeded;
  maxStreams?: number;
  databaseUrl?: string;
  dataDir: string;
}): Promise<void> {
  const { openDatabase } = await import("@edgeplane/db");
  const { loadConfig } = await import("../../apps/server/src/config.ts");
  const { startServer } = await import("../../apps/server/src/server.ts");
  const { configureGateway } = await import("../../apps/server/src/gateway/runtime.ts");
  const config = loadConfig({
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    PUBLIC_URL: "http://localhost:3000",
    DATA_DIR: o.dataDir,
    DATABASE_URL: o.databaseUrl,
    PGLITE_SHARED_BUFFERS: process.env.PGLITE_SHARED_BUFFERS,
    LOG_LEVEL: "silent",
    JOBS_ENABLED: "false",
  });
  if (o.prepare) {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      sharedBuffers: config.pgliteSharedBuffers,
    });
    announce({ ...(await seed(database.db)) });
    await database.close();
    return;
  }
  if (!o.seeded) throw new Error("serve needs the keys a prepare run printed");
  const maxStreams = o.maxStreams;
  const server = await startServer(config, {
    tunnel: maxStreams ? { maxConcurrentStreams: maxStreams } : {},
  });
  if (maxStreams) await configureGateway(server.deps, { maxInFlightPerNode: maxStreams });
  announce({ url: server.url, ...o.seeded });
  onTerm(() => server.close());
}

async function agentRole(o: { url: string; key: string; upstream: string }): Promise<void> {
  const { ControlPlaneClient, createLogger, TunnelClient } = await import("@edgeplane/agent");
  const log = createLogger({ level: "error", write: (line) => process.stderr.write(line) });
  const client = new TunnelClient({
    url: o.url,
    key: o.key,
    upstream: o.upstream,
    log,
    drainMs: 1000,
    controlPlane: new ControlPlaneClient({ url: o.url, key: o.key, timeoutMs: 5000 }),
  });
  const running = client.run();
  announce({ started: true });
  onTerm(async () => {
    client.stop();
    await running;
  });
}

async function upstreamRole(o: Record<string, number>): Promise<void> {
  const { startReferenceUpstream } = await import("@edgeplane/reference-upstream");
  const upstream = await startReferenceUpstream({ completionTokens: 16, maxNumSeqs: 4096, ...o });
  announce({ url: upstream.url });
  onTerm(() => upstream.close());
}

async function floorServerRole(): Promise<void> {
  const { startFloorServer } = await import("./floor.ts");
  announce(await startFloorServer());
  onTerm(async () => {});
}

async function floorAgentRole(o: { agentUrl: string; upstream: string }): Promise<void> {
  const { startFloorAgent } = await import("./floor.ts");
  await startFloorAgent(o.agentUrl, o.upstream);
  announce({ started: true });
  onTerm(async () => {});
}

const [role, json] = [process.argv[2], process.argv[3] ?? "{}"];
const options = JSON.parse(json) as never;
if (role === "server") await serverRole(options);
else if (role === "agent") await agentRole(options);
else if (role === "upstream") await upstreamRole(options);
else if (role === "floor-server") await floorServerRole();
else if (role === "floor-agent") await floorAgentRole(options);
else throw new Error(`unknown role ${role}`);
