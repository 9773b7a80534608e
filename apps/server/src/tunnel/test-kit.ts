import {
  ControlPlaneClient,
  createLogger,
  TunnelClient,
  type TunnelClientOptions,
  type TunnelExit,
} from "@edgeplane/agent";
import type { Database } from "@edgeplane/db";
import {
  type ReferenceUpstream,
  type ReferenceUpstreamOptions,
  startReferenceUpstream,
} from "@edgeplane/reference-upstream";
import { pino } from "pino";
import { loadConfig } from "../config.ts";
import { type KeyedNode, keyedNode } from "../routes/agent/telemetry-kit.ts";
import { type RunningServer, startServer } from "../server.ts";
import { createHarness, type Harness } from "../testing/harness.ts";
import type { TunnelOptions } from "./connection.ts";
import type { TunnelHub } from "./registry.ts";

/**
 * The real server listening on a port (for the tunnel), the in-process harness on the same
 * database (for the API: tenants, nodes, keys), the reference upstream and the real agent code.
 */
export interface Testbed {
  h: Harness;
  upstream: ReferenceUpstream;
  url: string;
  hub(): TunnelHub;
  server(): RunningServer;
  node(): Promise<KeyedNode>;
  agent(node: KeyedNode, over?: Partial<TunnelClientOptions>): RunningAgent;
  /** Stops the server (agents see it go) and starts a new one on the same port and database. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface RunningAgent {
  client: TunnelClient;
  exit: Promise<TunnelExit>;
  logs: Record<string, unknown>[];
  stop(): Promise<TunnelExit>;
}

/** Polls `check` every 10 ms; fails naming `what` after `ms` (a bound, not an assertion). */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startTestbed(
  opts: { tunnel?: Partial<TunnelOptions>; upstream?: ReferenceUpstreamOptions } = {},
): Promise<Testbed> {
  const h = await createHarness();
  // Servers come and go in restart tests; the harness owns (and closes) the database.
  const database: Database = { ...h.deps.database, close: async () => {} };
  const boot = (port: number) =>
    startServer(
      loadConfig({
        NODE_ENV: "test",
        HOST: "127.0.0.1",
        PORT: String(port),
        PUBLIC_URL: "http://localhost:3000",
        DATA_DIR: h.deps.config.dataDir,
        LOG_LEVEL: "silent",
        JOBS_ENABLED: "false",
      }),
      { database, log: pino({ level: "silent" }), tunnel: opts.tunnel },
    );
  let server = await boot(0);
  const port = Number(new URL(server.url).port);
  const upstream = await startReferenceUpstream(opts.upstream);
  const agents: RunningAgent[] = [];
  return {
    h,
    upstream,
    url: server.url,
    hub: () => server.deps.tunnels,
    server: () => server,
    node: () => keyedNode(h),
    agent(node, over = {}) {
      const logs: Record<string, unknown>[] = [];
      const log = createLogger({
        level: "debug",
        write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
      });
      const client = new TunnelClient({
        url: server.url,
        key: node.secret,
        upstream: upstream.url,
        log,
        controlPlane: new ControlPlaneClient({
          url: server.url,
          key: node.secret,
          timeoutMs: 2000,
        }),
        retryMinMs: 20,
        retryMaxMs: 200,
        connectTimeoutMs: 2000,
        drainMs: 500,
        ...over,
      });
      const exit = client.run();
      const agent = {
        client,
        exit,
        logs,
        stop: async () => {
          client.stop();
          return exit;
        },
      };
      agents.push(agent);
      return agent;
    },
    async restart() {
      await server.close();
      server = await boot(port);
    },
    async close() {
      await Promise.all(agents.map((a) => a.stop()));
      await server.close();
      await upstream.close();
      await h.close();
    },
  };
}

const utf8 = new TextEncoder();

/** A chat completion body the reference upstream answers deterministically. */
export function chat(prompt: string, over: Record<string, unknown> = {}): Uint8Array<ArrayBuffer> {
  return utf8.encode(
    JSON.stringify({
      model: "edgeplane/reference-chat",
      messages: [{ role: "user", content: prompt }],
      max_tokens: 24,
      ...over,
    }),
  );
}

/** Ids and timestamps differ per call; everything else must match byte for byte. */
export function normalize(text: string): string {
  return text.replace(/chatcmpl-[0-9a-f]+/g, "chatcmpl-X").replace(/"created":\d+/g, '"created":0');
}

export async function direct(
  upstream: ReferenceUpstream,
  body: Uint8Array<ArrayBuffer>,
): Promise<Response> {
  return fetch(`${upstream.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
}
