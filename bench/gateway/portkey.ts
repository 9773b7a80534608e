import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/*
 * Portkey's open-source gateway, the comparison: installed into a scratch folder with the
 * machine's own npm configuration (never a project dependency), started headless on a free port.
 * Its @hono/node-server must stay at 1.13.5: later ones hand it immutable response headers and
 * every request fails with "TypeError: immutable" (Portkey-AI/gateway#1389); an override pins
 * the copy its own dependencies would pull in too.
 */

const dir = path.join(tmpdir(), "edgeplane-bench-portkey");
const entry = path.join(dir, "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");
const manifest = {
  private: true,
  dependencies: { "@portkey-ai/gateway": "^1.15.2", "@hono/node-server": "1.13.5" },
  overrides: { "@hono/node-server": "1.13.5" },
};

function run(cmd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    p.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    p.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    p.on("error", (err) => resolve({ code: -1, output: String(err) }));
    p.on("exit", (code) => resolve({ code, output }));
  });
}

/** Installs Portkey once per machine; null (with the reason printed) when it cannot. */
export async function installPortkey(): Promise<string | null> {
  if (existsSync(entry)) return entry;
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  console.log(`installing @portkey-ai/gateway into ${dir} …`);
  // npm's own path when run through `npm run`; `npm` on PATH otherwise.
  const npmCli = process.env.npm_execpath;
  const args = ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"];
  const r = npmCli?.endsWith(".js")
    ? await run(process.execPath, [npmCli, ...args])
    : await run("npm", args);
  if (r.code === 0 && existsSync(entry)) return entry;
  console.log(
    `Portkey comparison skipped: could not install @portkey-ai/gateway (npm exited ${r.code}; offline?).\n${r.output.trim().split("\n").slice(-5).join("\n")}`,
  );
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface Portkey {
  proc: ChildProcess;
  url: string;
}

/** Starts it and waits until it answers; its logs are dropped (a spinner, a banner). */
export async function startPortkey(script: string): Promise<Portkey> {
  const port = await freePort();
  const proc = spawn(process.execPath, [script, `--port=${port}`, "--headless"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`Portkey exited with ${proc.exitCode}`);
    const up = await fetch(url).then(
      () => true,
      () => false,
    );
    if (up) return { proc, url };
    if (Date.now() > deadline) throw new Error("Portkey did not start within 30 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Portkey's headers for an OpenAI-compatible server at `base` (…/v1). */
export function portkeyHeaders(base: string): Record<string, string> {
  return {
    "x-portkey-provider": "openai",
    "x-portkey-custom-host": base,
    authorization: "Bearer bench",
  };
}
