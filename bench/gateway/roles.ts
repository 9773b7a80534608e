/**
 * The processes of the gateway benchmark, one role each: `node bench/gateway/roles.ts <role>
 * '<json options>'`. Each prints one line of JSON on stdout once it is ready, and exits on SIGTERM.
 * server: the Edgeplane server on a fresh PGlite with one org, node, model and customer key.
 * agent: the node agent's tunnel to that server, in front of an upstream.
 * upstream: the reference upstream (the stand-in for vLLM).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { benchModel, upstreamModel } from "./models.ts";

function announce(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function onTerm(stop: () => Promise<unknown>): void {
  process.once("SIGTERM", () => {
    void stop().finally(() => process.exit(0));
  });
}

/**
 * `maxStreams` raises the tunnel's and the gateway's per-node stream limits (1,000 streams);
 * `databaseUrl` runs on that Postgres instead of an in-memory PGlite.
 */
async function serverRole(o: { maxStreams?: number; databaseUrl?: string }): Promise<void> {
  const { newGatewayId, newId } = await import("@edgeplane/contracts");
  const { openDatabase, schema } = await import("@edgeplane/db");
  const { seedBenchNode } = await import("../support/seed.ts");
  const { loadConfig } = await import("../../apps/server/src/config.ts");
  const { startServer } = await import("../../apps/server/src/server.ts");
  const { configureGateway } = await import("../../apps/server/src/gateway/runtime.ts");
  const { generateCustomerKey, generateNodeKey } = await import(
    "../../apps/server/src/keys/secret.ts"
  );
  const { recordNodeModels } = await import(
    "../../apps/server/src/services/models/record-node-models.ts"
  );
  const database = await openDatabase({ databaseUrl: o.databaseUrl });
  const db = database.db;
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
  const dataDir = await mkdtemp(path.join(tmpdir(), "edgeplane-bench-gateway-"));
  const config = loadConfig({
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    PUBLIC_URL: "http://localhost:3000",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    JOBS_ENABLED: "false",
  });
  const maxStreams = o.maxStreams;
  const server = await startServer(config, {
    database,
    tunnel: maxStreams ? { maxConcurrentStreams: maxStreams } : {},
  });
  if (maxStreams) await configureGateway(server.deps, { maxInFlightPerNode: maxStreams });
  announce({ url: server.url, nodeKey: nodeKey.secret, customerKey: customerKey.secret });
  onTerm(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
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

const [role, json] = [process.argv[2], process.argv[3] ?? "{}"];
const options = JSON.parse(json) as never;
if (role === "server") await serverRole(options);
else if (role === "agent") await agentRole(options);
else if (role === "upstream") await upstreamRole(options);
else throw new Error(`unknown role ${role}`);
