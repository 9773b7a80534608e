import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@edgeplane/db/testing";
import { type ServerType, serve } from "@hono/node-server";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { Hono } from "hono";
import { pino } from "pino";
import { type Config, loadConfig } from "../../config.ts";
import { createDeps, type Deps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";
import type { OutboxEntry } from "../../mail/mailer.ts";
import { startServer } from "../../server.ts";
import type { OAuthProviders } from "../../services/auth/oauth/provider.ts";
import { authRoutes } from "./index.ts";

/** Helpers for the /auth/v1 tests: a real listening server driven by the real supabase-js. */
export interface AuthTestServer {
  url: string;
  config: Config;
  deps: Deps;
  client(opts?: { flowType?: "pkce" | "implicit"; storage?: MapStorage }): SupabaseClient;
  /** The newest sign-in e-mail to this address from the dev outbox. */
  mail(to: string): OutboxEntry;
  close(): Promise<void>;
}

export class MapStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** PUBLIC_URL must equal the server's own URL (it is the tokens' issuer): pick the port first. */
async function testConfig(env: Record<string, string>) {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), "edgeplane-auth-"));
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...env,
  });
  return { config, dataDir };
}

function kit(
  url: string,
  { config, dataDir }: { config: Config; dataDir: string },
  deps: Deps,
  close: () => Promise<void>,
): AuthTestServer {
  return {
    url,
    config,
    deps,
    client(opts = {}) {
      const storage = opts.storage;
      return createClient(url, "anon-key", {
        auth: {
          persistSession: storage !== undefined,
          storage,
          storageKey: "sb-test-auth-token",
          autoRefreshToken: false,
          detectSessionInUrl: false,
          flowType: opts.flowType ?? "pkce",
        },
      });
    },
    mail(to) {
      const entry = deps.outbox?.list().find((e) => e.to === to.toLowerCase());
      if (!entry) throw new Error(`no e-mail to ${to}`);
      return entry;
    },
    async close() {
      await close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The whole app via startServer, as production runs it. */
export async function startAuthServer(env: Record<string, string> = {}): Promise<AuthTestServer> {
  const setup = await testConfig(env);
  const running = await startServer(setup.config, {
    database: await createTestDatabase(),
    log: pino({ level: "silent" }),
  });
  return kit(running.url, setup, running.deps, () => running.close());
}

/** Only /auth/v1, with OAuth providers of the test's choosing (fake ones at the edge). */
export async function startAuthOnly(
  providers: (config: Config) => OAuthProviders,
  env: Record<string, string> = {},
): Promise<AuthTestServer> {
  const setup = await testConfig(env);
  const { config } = setup;
  const deps = await createDeps(config, {
    database: await createTestDatabase(),
    log: pino({ level: "silent" }),
  });
  const app = new Hono<AppEnv>();
  app.route("/auth/v1", authRoutes(deps, { providers: providers(config) }));
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
  });
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await deps.database.close();
  };
  return kit(config.publicUrl, setup, deps, close);
}

/** Follows one redirect by hand and returns its Location. */
export async function location(url: string, init: RequestInit = {}): Promise<URL> {
  const res = await fetch(url, { ...init, redirect: "manual" });
  await res.body?.cancel();
  const to = res.headers.get("location");
  if (res.status < 300 || res.status >= 400 || !to) {
    throw new Error(`expected a redirect from ${url}, got ${res.status}`);
  }
  return new URL(to, url);
}

export function fragment(url: URL): URLSearchParams {
  return new URLSearchParams(url.hash.slice(1));
}

/** Signs in by e-mail code (no browser binding) and returns the session JSON. */
export async function signInWithCode(t: AuthTestServer, email: string) {
  const client = t.client();
  const sent = await client.auth.signInWithOtp({ email });
  if (sent.error) throw sent.error;
  const code = t.mail(email).code ?? "";
  const { data, error } = await client.auth.verifyOtp({ email, token: code, type: "email" });
  if (error || !data.session) throw error ?? new Error("no session");
  return { client, session: data.session };
}
