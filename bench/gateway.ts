/**
 * Gateway + agent tunnel vs the upstream directly (concurrency 1 and 32, JSON and SSE), with the
 * server, the GPU host (reference upstream + agent) and this load generator in three processes.
 * Usage: npm run bench:gateway [-- requestsAtConcurrency1]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { percentile } from "./support/stats.ts";

const role = process.argv[2] === "--role" ? process.argv[3] : "load";
const model = "bench-chat";
const upstreamModel = "edgeplane/reference-chat";

/** One line of JSON on stdout tells the parent what a child has to offer. */
function announce(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function serverRole(): Promise<void> {
  const { newGatewayId, newId } = await import("@edgeplane/contracts");
  const { openDatabase, schema } = await import("@edgeplane/db");
  const { seedBenchNode } = await import("./support/seed.ts");
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const { loadConfig } = await import("../apps/server/src/config.ts");
  const { startServer } = await import("../apps/server/src/server.ts");
  const { generateCustomerKey, generateNodeKey } = await import(
    "../apps/server/src/keys/secret.ts"
  );
  const { recordNodeModels } = await import(
    "../apps/server/src/services/models/record-node-models.ts"
  );
  const database = await openDatabase({});
  const db = database.db;
  const { orgId, nodeId } = await seedBenchNode(db, { status: "online" });
  const customerId = newGatewayId("customer");

  const nodeKey = generateNodeKey();
  await db.insert(schema.nodeKeys).values({
    id: newId("nodeKey"),
    orgId,
    nodeId,
    start: nodeKey.start,
    hash: nodeKey.hash,
  });
  await recordNodeModels(db, nodeId, [upstreamModel], new Date());
  await db.insert(schema.models).values({
    id: newGatewayId("model"),
    orgId,
    publicId: model,
    upstreamName: upstreamModel,
    kind: "chat",
    contextLength: 32_768,
    inputPricePerMTok: 0.05,
    outputPricePerMTok: 0.08,
  });
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
  const dataDir = await mkdtemp(path.join(tmpdir(), "edgeplane-bench-"));
  const server = await startServer(
    loadConfig({
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      PUBLIC_URL: "http://localhost:3000",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      JOBS_ENABLED: "false",
    }),
    { database },
  );
  announce({ url: server.url, nodeKey: nodeKey.secret, customerKey: customerKey.secret, orgId });
  process.on("SIGTERM", () => {
    void server.close().then(() => process.exit(0));
  });
}

async function hostRole(): Promise<void> {
  const { startReferenceUpstream } = await import("@edgeplane/reference-upstream");
  const { ControlPlaneClient, createLogger, TunnelClient } = await import("@edgeplane/agent");
  const [url, key] = [process.argv[4] ?? "", process.argv[5] ?? ""];
  const upstream = await startReferenceUpstream({ completionTokens: 16, maxNumSeqs: 1024 });
  const log = createLogger({ level: "error", write: (line) => process.stderr.write(line) });
  const client = new TunnelClient({
    url,
    key,
    upstream: upstream.url,
    log,
    controlPlane: new ControlPlaneClient({ url, key, timeoutMs: 5000 }),
  });
  void client.run();
  announce({ upstream: upstream.url });
  process.on("SIGTERM", () => {
    client.stop();
    void upstream.close().then(() => process.exit(0));
  });
}

function child(args: string[]): Promise<{ proc: ChildProcess; info: Record<string, string> }> {
  const self = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, [...process.execArgv, self, "--role", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    proc.once("exit", (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    const stdout = proc.stdout;
    if (!stdout) return reject(new Error("no stdout"));
    createInterface({ input: stdout }).once("line", (line) =>
      resolve({ proc, info: JSON.parse(line) as Record<string, string> }),
    );
  });
}

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  model: string;
}

interface Run {
  ms: number[];
  overheadMs: number[];
  wallMs: number;
}

async function once(target: Target, stream: boolean, i: number): Promise<[number, number | null]> {
  const body = JSON.stringify({
    model: target.model,
    messages: [{ role: "user", content: `bench request ${i % 97}` }],
    max_tokens: 16,
    stream,
  });
  const started = performance.now();
  const res = await fetch(target.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...target.headers },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${target.name} answered ${res.status}: ${text}`);
  if (stream && !text.includes("[DONE]")) throw new Error(`${target.name}: stream without [DONE]`);
  const overhead = res.headers.get("x-edgeplane-overhead-ms");
  return [ms, overhead === null ? null : Number(overhead)];
}

async function load(target: Target, stream: boolean, concurrency: number, n: number): Promise<Run> {
  const ms: number[] = [];
  const overheadMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const [t, o] = await once(target, stream, i);
        ms.push(t);
        if (o !== null) overheadMs.push(o);
      }
    }),
  );
  return { ms, overheadMs, wallMs: performance.now() - started };
}

async function loadRole(): Promise<void> {
  const base = Number(process.argv[2] ?? 1000);
  const server = await child(["server"]);
  const host = await child(["host", server.info.url ?? "", server.info.nodeKey ?? ""]);
  const gateway: Target = {
    name: "gateway",
    url: `${server.info.url}/api/v1/chat/completions`,
    headers: { authorization: `Bearer ${server.info.customerKey}` },
    model,
  };
  const direct: Target = {
    name: "direct",
    url: `${host.info.upstream}/chat/completions`,
    headers: {},
    model: upstreamModel,
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${server.info.url}/api/v1/models`, { headers: gateway.headers });
    const listed = res.ok && (await res.text()).includes(model);
    if (listed) break;
    if (Date.now() > deadline) throw new Error("the node's tunnel never came up");
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const t of [direct, gateway]) {
    await load(t, false, 8, 400);
    await load(t, true, 8, 400);
  }
  console.log("gateway + agent tunnel vs the upstream directly (reference upstream, 16 tokens)");
  console.log(
    `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(
    "| mode | conc. | requests | direct p50 / p99 | gateway p50 / p99 | added p50 / p99 | direct req/s | gateway req/s | gateway overhead p50 / p99 |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  const f = (v: number) => `${v.toFixed(2)} ms`;
  for (const stream of [false, true]) {
    for (const concurrency of [1, 32]) {
      const n = concurrency === 1 ? base : base * 4;
      const d = await load(direct, stream, concurrency, n);
      const g = await load(gateway, stream, concurrency, n);
      const row = [
        stream ? "stream" : "json",
        concurrency,
        n,
        `${f(percentile(d.ms, 50))} / ${f(percentile(d.ms, 99))}`,
        `${f(percentile(g.ms, 50))} / ${f(percentile(g.ms, 99))}`,
        `${f(percentile(g.ms, 50) - percentile(d.ms, 50))} / ${f(percentile(g.ms, 99) - percentile(d.ms, 99))}`,
        ((n * 1000) / d.wallMs).toFixed(0),
        ((n * 1000) / g.wallMs).toFixed(0),
        `${f(percentile(g.overheadMs, 50))} / ${f(percentile(g.overheadMs, 99))}`,
      ];
      console.log(`| ${row.join(" | ")} |`);
    }
  }
  host.proc.kill("SIGTERM");
  server.proc.kill("SIGTERM");
}

if (role === "server") await serverRole();
else if (role === "host") await hostRole();
else await loadRole();
