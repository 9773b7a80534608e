import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const mainScript = path.join(repoRoot, "apps/server/src/main.ts");

/** Variables that would point the server elsewhere if inherited from a developer's shell. */
const isolated = {
  DATABASE_URL: "",
  SUPABASE_URL: "",
  SUPABASE_ANON_KEY: "",
  SUPABASE_JWT_SECRET: "",
  SMTP_URL: "",
  GITHUB_CLIENT_ID: "",
  GITHUB_CLIENT_SECRET: "",
  GOOGLE_CLIENT_ID: "",
  GOOGLE_CLIENT_SECRET: "",
  CORS_ORIGINS: "",
  METRICS_TOKEN: "",
};

export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === "string") throw new Error("no port was assigned");
  return address.port;
}

export interface SpawnedServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** The last ~256 KiB the server wrote (pino JSON lines). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Spawns `node apps/server/src/main.ts` with the Node running this file (the repo's Node 24);
 * `port` restarts a stopped server at the address its clients already know.
 */
export async function spawnServer(options: {
  dataDir: string;
  env?: Record<string, string>;
  port?: number;
}): Promise<SpawnedServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [mainScript], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...isolated,
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-262_144);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? (signal ? null : 0)));
  });
  return {
    url,
    port,
    child,
    output: () => output,
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return exited;
    },
  };
}

/** Polls /readyz until it answers 200; fails early if the process exits. */
export async function waitUntilReady(
  server: SpawnedServer,
  { timeoutMs = 60_000, intervalMs = 10 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`the server exited before it was ready:\n${server.output()}`);
    }
    try {
      const res = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`/readyz did not answer 200 within ${timeoutMs} ms:\n${server.output()}`);
}

export interface E2eServer {
  url: string;
  dataDir: string;
  output(): string;
  /** Stops the server and removes its data dir. */
  close(): Promise<void>;
}

/**
 * A real server on a free port with a throw-away DATA_DIR (embedded PGlite, built-in auth,
 * dev outbox). Sign-in e-mails are not rate limited so a test can sign in twice.
 */
export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "edgeplane-e2e-"));
  const server = await spawnServer({
    dataDir,
    env: { OTP_EMAIL_INTERVAL: "0", OTP_IP_LIMIT_PER_HOUR: "10000", ...env },
  });
  try {
    await waitUntilReady(server);
  } catch (err) {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: server.url,
    dataDir,
    output: server.output,
    async close() {
      const code = await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      if (code !== 0) {
        throw new Error(`the server exited with ${code} on SIGTERM:\n${server.output()}`);
      }
    },
  };
}
