import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Agent, frankfurtTelecomRoom, startAgent } from "./support/fleet.ts";
import { api, expectJson, signInWithCode } from "./support/http.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";
import { startUpstreamProcess, type UpstreamProcess } from "./support/upstream.ts";

/*
 * Issue 5, acceptance 2: three nodes (real agents with tunnels to real reference upstreams),
 * 60 s of non-streamed chat at concurrency 32, one node killed (agent and inference server,
 * SIGKILL) a third of the way in. No request may fail, and the usage the platform recorded
 * must equal the requests answered.
 */

const loadSeconds = 60;
const concurrency = 32;

let server: E2eServer;
let workDir: string;
const upstreams: UpstreamProcess[] = [];
const agents: Agent[] = [];

beforeAll(async () => {
  server = await startE2eServer({ LOG_LEVEL: "warn" });
  workDir = await mkdtemp(path.join(tmpdir(), "edgeplane-e2e-failover-"));
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  for (const u of upstreams) u.child.kill("SIGKILL");
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("gateway failover under load", () => {
  it("one of three nodes killed during 60 s at concurrency 32: no failed request, usage = answered", async () => {
    const { access_token: token } = await signInWithCode(server.url, "failover@example.com");
    const org = await expectJson<{ id: string }>(
      api(server.url, "/api/orgs", token, { name: "Failover Co", useCase: "pilot_network" }),
    );
    const base = `/api/orgs/${org.id}`;
    const site = await expectJson<{ id: string }>(
      api(server.url, `${base}/sites`, token, frankfurtTelecomRoom),
    );
    await expectJson(
      api(server.url, `${base}/models`, token, {
        publicId: "chat-small",
        upstreamName: "edgeplane/reference-chat",
        kind: "chat",
        contextLength: 32_768,
        inputPricePerMTok: 0.1,
        outputPricePerMTok: 0.4,
      }),
    );
    const nodeIds: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const node = await expectJson<{ id: string }>(
        api(server.url, `${base}/nodes`, token, {
          siteId: site.id,
          name: `gpu-node-0${i}`,
          externalId: `asset-failover-${i}`,
          acceleratorType: "nvidia-l40s",
          gpuCount: 4,
          powerDrawW: 2400,
          latencyEstimateMs: 20,
        }),
      );
      nodeIds.push(node.id);
      const issued = await expectJson<{ secret: string }>(
        api(server.url, `${base}/nodes/${node.id}/keys`, token, {}),
      );
      const keyFile = path.join(workDir, `node-${i}.key`);
      await writeFile(keyFile, issued.secret, { mode: 0o600 });
      const upstream = await startUpstreamProcess([
        "--tokens-per-second",
        "400",
        "--first-token-latency-ms",
        "40",
      ]);
      upstreams.push(upstream);
      const args = ["--url", server.url, "--key-file", keyFile, "--upstream", upstream.url];
      // Each agent keeps its own seq counter and backlog, as on separate hosts.
      args.push("--state-dir", path.join(workDir, `state-${i}`));
      agents.push(startAgent(`node-${i}`, [...args, "--interval", "2s"], workDir));
    }
    const customer = await expectJson<{ id: string }>(
      api(server.url, `${base}/customers`, token, { name: "Acme Bank" }),
    );
    const key = await expectJson<{ secret: string }>(
      api(server.url, `${base}/customers/${customer.id}/keys`, token, { name: "load" }),
    );
    const client = new OpenAI({
      apiKey: key.secret,
      baseURL: `${server.url}/api/v1`,
      maxRetries: 0,
      timeout: 30_000,
    });

    // Every node online, tunnelled and serving the model before the load starts.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const nodes = await expectJson<{ items: { id: string; status: string }[] }>(
        api(server.url, `${base}/nodes?limit=10`, token),
        200,
      );
      const online = nodes.items.filter((n) => n.status === "online").length;
      const models = await client.models.list().catch(() => null);
      if (online === 3 && models?.data.some((m) => m.id === "chat-small")) break;
      if (Date.now() > deadline) throw new Error(`nodes not ready: ${online} online`);
      await new Promise((r) => setTimeout(r, 500));
    }

    let answered = 0;
    const failures: string[] = [];
    const end = Date.now() + loadSeconds * 1000;
    const worker = async (w: number) => {
      for (let i = 0; Date.now() < end; i++) {
        try {
          const r = await client.chat.completions.create({
            model: "chat-small",
            messages: [{ role: "user", content: `worker ${w} request ${i}` }],
            max_tokens: 24,
          });
          if (!r.choices[0]?.message.content) failures.push("empty answer");
          else answered++;
        } catch (err) {
          failures.push(String(err));
        }
      }
    };
    const kill = setTimeout(
      () => {
        const victim = agents[0];
        victim?.child.kill("SIGKILL");
        upstreams[0]?.child.kill("SIGKILL");
      },
      (loadSeconds * 1000) / 3,
    );
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
    clearTimeout(kill);

    expect(failures.slice(0, 5)).toEqual([]);
    expect(agents[0]?.child.signalCode).toBe("SIGKILL");
    expect(answered).toBeGreaterThan(loadSeconds * 10);

    // Usage is written in batches off the request path: wait for the last one to land.
    const today = new Date().toISOString().slice(0, 10);
    let recorded = -1;
    const settle = Date.now() + 20_000;
    while (Date.now() < settle) {
      const summary = await expectJson<{ requests: number; errors: number }>(
        api(server.url, `${base}/usage/summary?from=${today}`, token),
        200,
      );
      recorded = summary.requests;
      expect(summary.errors).toBe(0);
      if (recorded >= answered) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(recorded).toBe(answered);
    console.info(`failover: ${answered} answered, ${recorded} metered, 0 failed`);
  }, 180_000);
});
