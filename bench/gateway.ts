/**
 * Gateway + agent tunnel vs the upstream directly and vs Portkey's open-source gateway on the
 * same reference upstream: latency (p50, p99) and throughput at concurrency 1 and 32, JSON and
 * SSE, with a zero-latency upstream (the gateway's cost laid bare) and one with a realistic
 * time to first token and decode speed; CPU per request of every process; then 1,000
 * concurrent streams and the memory they take. Server, agent, upstream, Portkey and this load
 * generator are separate processes (on a 2-core machine they share the cores).
 * Usage: npm run bench:gateway [-- --requests 1000 --streams 1000 --scenario all|zero|realistic
 *   --repeat 1 --no-portkey --database-url postgres://…]
 * --repeat N runs every row N times, the targets taking turns, and reports each target's median
 * run by throughput with the range of the N: single runs on a shared VM vary by a third.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chatBody, closedLoop, post, type Target } from "./gateway/load.ts";
import { benchModel, upstreamModel } from "./gateway/models.ts";
import { installPortkey, type Portkey, portkeyHeaders, startPortkey } from "./gateway/portkey.ts";
import { CpuMeter, load1 } from "./gateway/proc.ts";
import { type Child, startRole } from "./gateway/procs.ts";
import { medianRun, type Row, type RowRun, report } from "./gateway/report.ts";
import { holdStreams, type StreamsResult } from "./gateway/streams.ts";

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? def) : def;
};
const base = Number(arg("requests", "1000"));
const streamCount = Number(arg("streams", "1000"));
const only = arg("scenario", "all");
const databaseUrl = arg("database-url", "") || undefined;
const withPortkey = !process.argv.includes("--no-portkey");
const repeat = Math.max(1, Number(arg("repeat", "1")));

/** The upstream's pacing per scenario: none, or a realistic first token and decode speed. */
const scenarios: { name: string; realistic: boolean; pacing: Record<string, number> }[] = [
  { name: "zero-latency", realistic: false, pacing: { tokensPerSecond: 0 } },
  {
    name: "50 ms TTFT, 100 tok/s",
    realistic: true,
    pacing: { tokensPerSecond: 100, firstTokenLatencyMs: 50 },
  },
];

// Per-node stream limits raised so that one node can hold the 1,000 streams.
const maxStreams = Math.max(1024, streamCount + 24);
const dataDir = await mkdtemp(path.join(tmpdir(), "edgeplane-bench-gateway-"));
const prepared = await startRole("server", { prepare: true, databaseUrl, dataDir });
await prepared.exited;
const server = await startRole("server", {
  maxStreams,
  databaseUrl,
  dataDir,
  seeded: prepared.info,
});
const gateway = (): Target => ({
  name: "edgeplane",
  url: `${server.info.url}/api/v1/chat/completions`,
  headers: { authorization: `Bearer ${server.info.customerKey}` },
  model: benchModel,
});
const portkeyScript = withPortkey ? await installPortkey() : null;
const portkey: Portkey | null = portkeyScript ? await startPortkey(portkeyScript) : null;

const floorServer = await startRole("floor-server");

/**
 * A fresh upstream, agent and floor relay agent; resolves once a request through the gateway
 * reaches them.
 */
async function startHost(pacing: Record<string, number>): Promise<[Child, Child, Child]> {
  const upstream = await startRole("upstream", pacing);
  const agent = await startRole("agent", {
    url: server.info.url,
    key: server.info.nodeKey,
    upstream: upstream.info.url,
  });
  const floorAgent = await startRole("floor-agent", {
    agentUrl: floorServer.info.agentUrl,
    upstream: upstream.info.url,
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const a = await post(undefined, gateway(), chatBody(benchModel, false, 0)).catch(() => null);
    if (a?.status === 200) return [upstream, agent, floorAgent];
    if (Date.now() > deadline) throw new Error("no answer through the new tunnel within 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

function targets(upstreamUrl: string): Target[] {
  const list: Target[] = [
    { name: "direct", url: `${upstreamUrl}/chat/completions`, headers: {}, model: upstreamModel },
    gateway(),
    {
      name: "floor",
      url: `${floorServer.info.url}/v1/chat/completions`,
      headers: {},
      model: upstreamModel,
    },
  ];
  if (portkey) {
    list.push({
      name: "portkey",
      url: `${portkey.url}/v1/chat/completions`,
      headers: portkeyHeaders(upstreamUrl),
      model: upstreamModel,
    });
  }
  return list;
}

const rows: Row[] = [];
for (const scenario of scenarios) {
  if (only !== "all" && only !== (scenario.realistic ? "realistic" : "zero")) continue;
  const [upstream, agent, floorAgent] = await startHost(scenario.pacing);
  const pids = {
    server: server.pid,
    agent: agent.pid,
    upstream: upstream.pid,
    portkey: portkey?.proc.pid,
    floorServer: floorServer.pid,
    floorAgent: floorAgent.pid,
  };
  const list = targets(upstream.info.url ?? "");
  const warmup = scenario.realistic ? 64 : 400;
  for (const t of list) {
    await closedLoop(t, false, 8, warmup);
    await closedLoop(t, true, 8, warmup);
  }
  // With a realistic upstream, concurrency 1 only waits on it: the gateway's cost shows at 32.
  for (const stream of [false, true]) {
    for (const concurrency of scenario.realistic ? [32] : [1, 32]) {
      const n = concurrency === 32 && !scenario.realistic ? base * 4 : base;
      const row: Row = { scenario: scenario.name, stream, concurrency, n, load: load1(), runs: {} };
      const tries = new Map<string, RowRun[]>(list.map((t) => [t.name, []]));
      for (let i = 0; i < repeat; i++) {
        for (const t of list) {
          const meter = new CpuMeter(pids);
          const run = await closedLoop(t, stream, concurrency, n);
          tries.get(t.name)?.push({ ...run, cpuUs: meter.perUnitUs(n) });
        }
      }
      for (const [name, runs] of tries) row.runs[name] = medianRun(runs, n);
      rows.push(row);
      console.log(`done: ${scenario.name}, ${stream ? "stream" : "json"}, c=${concurrency}`);
    }
  }
  await agent.stop();
  await floorAgent.stop();
  await upstream.stop();
}

const streams: StreamsResult[] = [];
if (streamCount > 0) {
  const [upstream, agent, floorAgent] = await startHost({
    tokensPerSecond: 4,
    completionTokens: 32,
  });
  for (const t of targets(upstream.info.url ?? "")) {
    if (t.name === "direct" || t.name === "floor") continue;
    const watched =
      t.name === "portkey"
        ? { portkey: portkey?.proc.pid, upstream: upstream.pid }
        : { server: server.pid, agent: agent.pid, upstream: upstream.pid };
    streams.push(await holdStreams(t, streamCount, watched));
    console.log(`done: ${streamCount} streams through ${t.name}`);
  }
  await agent.stop();
  await floorAgent.stop();
  await upstream.stop();
}

await server.stop();
await floorServer.stop();
portkey?.proc.kill("SIGTERM");
await rm(dataDir, { recursive: true, force: true });
report(rows, streams, databaseUrl ? "Postgres (--database-url)" : "PGlite in a data dir");
