import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { schema } from "@edgeplane/db";
import { createTestDatabase } from "@edgeplane/db/testing";
import { pino } from "pino";
import { createApp } from "../app.ts";
import { authIssuer, loadConfig } from "../config.ts";
import { createDeps, type Deps } from "../deps.ts";
import type { Logger } from "../logger.ts";
import { signAccessToken } from "../services/auth/tokens.ts";

export interface TestUser {
  id: string;
  email: string;
  sessionId: string;
  token: string;
  /** Headers carrying this user's access token. */
  headers: Record<string, string>;
}

export interface Harness {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  /** In-process request; JSON bodies are serialised for you. */
  request(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string>; as?: TestUser },
  ): Promise<Response>;
  /** A new user with a live session and a signed access token (no e-mail round trip). */
  user(email?: string): Promise<TestUser>;
  close(): Promise<void>;
}

/** A fresh app on a fresh database, as every route test starts; `log` captures its logs. */
export async function createHarness(
  env: Record<string, string> = {},
  opts: { log?: Logger } = {},
): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "edgeplane-test-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    PUBLIC_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
    ...env,
  });
  const database = await createTestDatabase();
  const deps = await createDeps(config, { database, log: opts.log ?? pino({ level: "silent" }) });
  const app = createApp(deps);
  const harness: Harness = {
    app,
    deps,
    async request(p, init = {}) {
      const headers: Record<string, string> = {
        ...(init.as?.headers ?? {}),
        ...(init.headers ?? {}),
      };
      let body: BodyInit | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
      return app.request(p, { method: init.method ?? "GET", headers, body });
    },
    async user(email) {
      const id = randomUUID();
      const address = email ?? `user-${id.slice(0, 8)}@example.com`;
      const sessionId = randomUUID();
      await database.db.insert(schema.users).values({
        id,
        email: address,
        emailConfirmedAt: new Date(),
        appMetadata: { provider: "email", providers: ["email"] },
      });
      await database.db.insert(schema.authSessions).values({ id: sessionId, userId: id });
      if (!deps.signingKey) throw new Error("test users need the built-in auth");
      const { token } = await signAccessToken(
        deps.signingKey,
        { issuer: authIssuer(config), expiresIn: 3600 },
        {
          userId: id,
          email: address,
          sessionId,
          amr: [{ method: "otp", timestamp: Math.floor(Date.now() / 1000) }],
          appMetadata: { provider: "email", providers: ["email"] },
          userMetadata: {},
        },
      );
      return {
        id,
        email: address,
        sessionId,
        token,
        headers: { authorization: `Bearer ${token}` },
      };
    },
    async close() {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
