import { mkdtemp, rm } from "node:fs/promises";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  Agent,
  ControlPlaneClient,
  createLogger,
  DiskBuffer,
  type Sampler,
} from "@edgeplane/agent";
import { schema } from "@edgeplane/db";
import { type ServerType, serve } from "@hono/node-server";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../src/testing/harness.ts";

/**
 * The real agent against the real control plane, with a TCP relay in between that can cut
 * the connection: an outage as the agent sees it (refused and reset connections).
 */
class Relay {
  up = true;
  readonly #sockets = new Set<Socket>();
  readonly server: Server;
  constructor(target: number) {
    this.server = createServer((client) => {
      if (!this.up) return client.destroy();
      const upstream = connect(target, "127.0.0.1");
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on("close", () => this.#sockets.delete(s));
        s.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
  }
  cut() {
    this.up = false;
    for (const s of this.#sockets) s.destroy();
  }
}

let h: Harness;
let http: ServerType;
let relay: Relay;
let relayUrl: string;
const dirs: string[] = [];

beforeAll(async () => {
  h = await createHarness();
  http = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: h.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  relay = new Relay((http.address() as { port: number }).port);
  await new Promise<void>((r) => relay.server.listen(0, "127.0.0.1", () => r()));
  relayUrl = `http://127.0.0.1:${(relay.server.address() as { port: number }).port}`;
});

afterAll(async () => {
  relay.server.close();
  http.close();
  await h.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function nodeWithKey() {
  const owner = await h.user();
  const post = async (p: string, body: unknown) => {
    const res = await h.request(p, { method: "POST", as: owner, body });
    expect(res.status, p).toBe(201);
    return res.json();
  };
  const org = await post("/api/orgs", { name: "Outage Test", useCase: "pilot_network" });
  const site = await post(`/api/orgs/${org.id}/sites`, {
    name: "Nairobi Telecom Room",
    city: "Nairobi",
    country: "KE",
    powerCapacityKw: 40,
    siteType: "telecom_room",
    connectivityTier: "tier_2",
  });
  const node = await post(`/api/orgs/${org.id}/nodes`, {
    siteId: site.id,
    name: "gpu-01",
    externalId: "asset-01",
    acceleratorType: "NVIDIA L4",
    gpuCount: 1,
    powerDrawW: 150,
    latencyEstimateMs: 12,
  });
  const key = await post(`/api/orgs/${org.id}/nodes/${node.id}/keys`, { name: "agent" });
  return {
    owner,
    orgId: org.id as string,
    nodeId: node.id as string,
    keyId: key.key.id as string,
    secret: key.secret as string,
  };
}

const hostOnly: Sampler = {
  sample: async () => ({
    at: new Date().toISOString(),
    gpus: [],
    noGpu: true,
    host: {
      cpuPct: 12,
      loadAvg1: 0.4,
      memoryUsedBytes: 4e9,
      memoryTotalBytes: 16e9,
      diskUsedBytes: 1e11,
      diskTotalBytes: 5e11,
    },
    inference: null,
  }),
};

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("the agent through a control-plane outage", () => {
  it("stores every sample exactly once, in order, after the control plane comes back", async () => {
    const { nodeId, secret } = await nodeWithKey();
    const dir = await mkdtemp(path.join(tmpdir(), "edgeplane-agent-outage-"));
    dirs.push(dir);
    const buffer = await DiskBuffer.open({ dir, maxSamples: 10_000 });
    const agent = new Agent({
      client: new ControlPlaneClient({ url: relayUrl, key: secret, timeoutMs: 2_000 }),
      buffer,
      sampler: hostOnly,
      log: createLogger({ level: "error" }),
      intervalMs: 50,
      hostname: "gpu-01",
      retryMinMs: 20,
      retryMaxMs: 200,
    });
    const running = agent.run();
    await until("first deliveries", () => agent.stats().samplesDelivered >= 10);

    relay.cut();
    const cutAt = agent.stats().samplesCollected;
    await until("a backlog during the outage", () => agent.stats().samplesCollected >= cutAt + 30);
    expect(agent.stats().pending).toBeGreaterThan(0);
    relay.up = true;

    await until("the backlog to drain", () => {
      const s = agent.stats();
      return s.samplesCollected >= cutAt + 40 && s.pending === 0;
    });
    agent.stop();
    expect((await running).reason).toBe("stopped");
    await until("the last batch", () => agent.stats().pending === 0);

    const rows = await h.deps.database.db
      .select({ seq: schema.telemetrySamples.seq })
      .from(schema.telemetrySamples)
      .where(eq(schema.telemetrySamples.nodeId, nodeId))
      .orderBy(asc(schema.telemetrySamples.seq));
    const seqs = rows.map((r) => r.seq);
    const stats = agent.stats();
    // No gaps and no duplicates: exactly the collected range, each seq once.
    expect(seqs.length).toBe(stats.samplesDelivered);
    expect(new Set(seqs).size).toBe(seqs.length);
    const first = seqs[0] ?? 0;
    expect(seqs).toEqual(seqs.map((_, i) => first + i));
    expect(seqs.at(-1)).toBe(stats.nextSeq - 1);
    await buffer.close();
  }, 90_000);

  it("stops with a clear message when its key is revoked", async () => {
    const { owner, orgId, nodeId, keyId, secret } = await nodeWithKey();
    const dir = await mkdtemp(path.join(tmpdir(), "edgeplane-agent-revoke-"));
    dirs.push(dir);
    const buffer = await DiskBuffer.open({ dir, maxSamples: 1_000 });
    const agent = new Agent({
      client: new ControlPlaneClient({ url: relayUrl, key: secret, timeoutMs: 2_000 }),
      buffer,
      sampler: hostOnly,
      log: createLogger({ level: "silent" }),
      intervalMs: 50,
      hostname: "gpu-01",
      retryMinMs: 20,
      retryMaxMs: 200,
    });
    const running = agent.run();
    await until("first deliveries", () => agent.stats().samplesDelivered >= 3);
    const revoke = await h.request(`/api/orgs/${orgId}/nodes/${nodeId}/keys/${keyId}`, {
      method: "DELETE",
      as: owner,
    });
    expect(revoke.status).toBeLessThan(300);
    const exit = await running;
    expect(exit.reason).toBe("unauthorized");
    if (exit.reason === "unauthorized") expect(exit.message).toMatch(/revoked/);
    await buffer.close();
  }, 60_000);
});
