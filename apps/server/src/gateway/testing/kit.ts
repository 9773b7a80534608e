import { ControlPlaneClient, createLogger, TunnelClient } from "@edgeplane/agent";
import type { Database } from "@edgeplane/db";
import { schema } from "@edgeplane/db";
import {
  type ReferenceUpstream,
  type ReferenceUpstreamOptions,
  startReferenceUpstream,
} from "@edgeplane/reference-upstream";
import { eq } from "drizzle-orm";
import OpenAI from "openai";
import { pino } from "pino";
import { expect } from "vitest";
import { loadConfig } from "../../config.ts";
import {
  makeKey,
  makeNode,
  makeSite,
  newTenant,
  type Tenant,
} from "../../routes/api/sites/fixtures.ts";
import { type RunningServer, startServer } from "../../server.ts";
import { evictFleet } from "../../services/gateway/fleet.ts";
import type { GatewayOptions, GatewayRuntime } from "../../services/gateway/runtime.ts";
import { recordNodeModels } from "../../services/models/record-node-models.ts";
import { createHarness, type Harness, type TestUser } from "../../testing/harness.ts";
import { configureGateway } from "../runtime.ts";

/**
 * A real listening server (gateway + agent tunnel), the in-process harness on the same database
 * for the control-plane API, reference upstreams, and the real agent tunnel client per node.
 */
export interface GatewayBed {
  h: Harness;
  server: RunningServer;
  url: string;
  rt: GatewayRuntime;
  /** A tenant with a chat and an embedding model in its catalogue. */
  tenant(): Promise<Tenant>;
  upstream(opts?: ReferenceUpstreamOptions): Promise<ReferenceUpstream>;
  /** A node at a new site in `country`, online, serving the upstream's models, tunnel up. */
  node(t: Tenant, opts: NodeOpts): Promise<BedNode>;
  customer(t: Tenant, body?: Record<string, unknown>): Promise<{ id: string }>;
  key(t: Tenant, customerId: string, body?: Record<string, unknown>): Promise<string>;
  /** A control-plane call on the listening server (it holds the tunnels; the harness does not). */
  api(path: string, init?: { method?: string; body?: unknown; as?: TestUser }): Promise<Response>;
  /** The official SDK pointed at the gateway, without its automatic retries. */
  client(secret: string): OpenAI;
  /** Writes buffered usage now and returns every event of the tenant. */
  usage(t: Tenant): Promise<(typeof schema.usageEvents.$inferSelect)[]>;
  close(): Promise<void>;
}

export interface NodeOpts {
  country: string;
  region?: string;
  upstream: ReferenceUpstream;
  latencyEstimateMs?: number;
  status?: "online" | "degraded";
}

export interface BedNode {
  nodeId: string;
  siteId: string;
  stop(): Promise<unknown>;
}

export const chatModel = "chat-small";
export const embedModel = "embed-small";
const upstreamChat = "edgeplane/reference-chat";
const upstreamEmbed = "edgeplane/reference-embed";

export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startGatewayBed(options: Partial<GatewayOptions> = {}): Promise<GatewayBed> {
  const h = await createHarness();
  const database: Database = { ...h.deps.database, close: async () => {} };
  const server = await startServer(
    loadConfig({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      PUBLIC_URL: "http://localhost:3000",
      DATA_DIR: h.deps.config.dataDir,
      LOG_LEVEL: "silent",
      JOBS_ENABLED: "false",
    }),
    { database, log: pino({ level: "silent" }) },
  );
  const rt = await configureGateway(server.deps, { meterIntervalMs: 60_000, ...options });
  const upstreams: ReferenceUpstream[] = [];
  const agents: TunnelClient[] = [];
  const post = async (path: string, t: Tenant, body: Record<string, unknown>) => {
    const res = await h.request(`${t.base}${path}`, { method: "POST", as: t.owner, body });
    expect(res.status, await res.clone().text()).toBe(201);
    return res.json();
  };
  return {
    h,
    server,
    url: server.url,
    rt,
    async tenant() {
      const t = await newTenant(h, "Gateway Co");
      const price = { inputPricePerMTok: 0.1, outputPricePerMTok: 0.4 };
      await post("/models", t, {
        publicId: chatModel,
        upstreamName: upstreamChat,
        kind: "chat",
        contextLength: 32_768,
        ...price,
      });
      await post("/models", t, {
        publicId: embedModel,
        upstreamName: upstreamEmbed,
        kind: "embedding",
        contextLength: 512,
        ...price,
      });
      return t;
    },
    async upstream(opts = {}) {
      const u = await startReferenceUpstream(opts);
      upstreams.push(u);
      return u;
    },
    async node(t, opts) {
      const site = await makeSite(h, t, {
        country: opts.country,
        region: opts.region,
        name: `Site ${opts.country}`,
      });
      const node = await makeNode(h, t, site.id, {
        latencyEstimateMs: opts.latencyEstimateMs ?? 20,
      });
      const { secret } = await makeKey(h, t, node.id);
      await h.deps.database.db
        .update(schema.nodes)
        .set({ status: opts.status ?? "online" })
        .where(eq(schema.nodes.id, node.id));
      await recordNodeModels(
        h.deps.database.db,
        node.id,
        [upstreamChat, upstreamEmbed],
        new Date(),
      );
      const log = createLogger({ level: "error", write: () => {} });
      const client = new TunnelClient({
        url: server.url,
        key: secret,
        upstream: opts.upstream.url,
        log,
        controlPlane: new ControlPlaneClient({ url: server.url, key: secret, timeoutMs: 2000 }),
        retryMinMs: 20,
        retryMaxMs: 200,
        connectTimeoutMs: 2000,
        drainMs: 200,
      });
      const exit = client.run();
      agents.push(client);
      await until(() => server.deps.tunnels.isConnected(node.id), `tunnel of ${node.id}`);
      evictFleet(h.deps.database.db);
      return {
        nodeId: node.id,
        siteId: site.id,
        stop: async () => {
          client.stop();
          await exit;
          await until(() => !server.deps.tunnels.isConnected(node.id), "tunnel down");
        },
      };
    },
    async customer(t, body = {}) {
      return post("/customers", t, { name: "Acme Bank", ...body }) as Promise<{ id: string }>;
    },
    async key(t, customerId, body = {}) {
      const issued = (await post(`/customers/${customerId}/keys`, t, body)) as { secret: string };
      return issued.secret;
    },
    api(path, init = {}) {
      return fetch(`${server.url}${path}`, {
        method: init.method ?? "GET",
        headers: { ...(init.as?.headers ?? {}), "content-type": "application/json" },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    },
    client(secret) {
      return new OpenAI({ apiKey: secret, baseURL: `${server.url}/api/v1`, maxRetries: 0 });
    },
    async usage(t) {
      await rt.meter.flush();
      return h.deps.database.db
        .select()
        .from(schema.usageEvents)
        .where(eq(schema.usageEvents.orgId, t.orgId));
    },
    async close() {
      for (const a of agents) a.stop();
      await server.close();
      await Promise.all(upstreams.map((u) => u.close()));
      await h.close();
    },
  };
}
