import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const main = path.resolve(import.meta.dirname, "../src/main.ts");
const children: ChildProcess[] = [];
const dirs: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Proc {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

async function start(dataDir: string, port: number): Promise<Proc> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: url,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url, output: () => out, exited };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not become ready:\n${out}`);
}

async function signIn(url: string, email: string): Promise<string> {
  const otp = await fetch(`${url}/auth/v1/otp`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  expect(otp.status).toBe(200);
  const [mail] = await (await fetch(`${url}/api/dev/outbox?to=${email}`)).json();
  const verify = await fetch(`${url}/auth/v1/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, token: mail.code, type: "email" }),
  });
  expect(verify.status).toBe(200);
  return (await verify.json()).access_token;
}

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe("the embedded database across crashes and restarts", () => {
  it("keeps every acknowledged write through a SIGKILL, and shuts down cleanly on SIGTERM", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "edgeplane-durability-"));
    dirs.push(dataDir);
    const port = await freePort();
    const first = await start(dataDir, port);
    const token = await signIn(first.url, "ops@example.com");
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${first.url}/api/orgs`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ name: `Durable ${i}`, useCase: "pilot_network" }),
      });
      expect(res.status).toBe(201);
      created.push((await res.json()).id);
    }
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    const second = await start(dataDir, port);
    // Same signing key and session after the crash: the token still works, the orgs are there.
    const me = await (await fetch(`${second.url}/api/me`, { headers: auth })).json();
    expect(me.memberships.map((m: { org: { id: string } }) => m.org.id)).toEqual(created);

    const inFlight = fetch(`${second.url}/api/orgs`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ name: "Written during shutdown", useCase: "evaluation" }),
    });
    await new Promise((r) => setTimeout(r, 5));
    second.child.kill("SIGTERM");
    const res = await inFlight;
    expect(res.status).toBe(201);
    const id = (await res.json()).id;
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.output()).toContain("stopped cleanly");

    const third = await start(dataDir, port);
    const after = await (await fetch(`${third.url}/api/me`, { headers: auth })).json();
    expect(after.memberships.map((m: { org: { id: string } }) => m.org.id)).toEqual([
      ...created,
      id,
    ]);
    third.child.kill("SIGTERM");
    expect((await third.exited).code).toBe(0);
  }, 90_000);
});
