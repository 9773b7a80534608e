import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FakeControlPlane, testKey, waitFor } from "../testing/fake-control-plane.ts";

const cli = fileURLToPath(new URL("../cli.ts", import.meta.url));
const key = testKey(7);

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

const running: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "agent-cli-"));
  dirs.push(dir);
  return dir;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

describe("edgeplane-agent CLI", () => {
  it("prints its options with their environment variables", async () => {
    const r = run(["--help"]);
    expect(await r.exit).toBe(0);
    for (const word of [
      "--url",
      "--key-file",
      "--upstream",
      "--dcgm-url",
      "--state-dir",
      "EDGEPLANE_NODE_KEY",
      "simulate",
    ]) {
      expect(r.stdout()).toContain(word);
    }
    const sim = run(["simulate", "--help"]);
    expect(await sim.exit).toBe(0);
    expect(sim.stdout()).toContain("agent.simulated: true");
  });

  it("exits 64 on an unknown flag and 78 on a missing setting, saying which", async () => {
    const bad = run(["--frobnicate"]);
    expect(await bad.exit).toBe(64);
    expect(bad.stderr()).toMatch(/Unknown option '--frobnicate'/);
    const missing = run(["--url", "https://cp.example.com"]);
    expect(await missing.exit).toBe(78);
    expect(missing.stderr()).toMatch(/node key is required/);
  });

  it("exits 77 with a clear message when the control plane refuses the key", async () => {
    const cp = new FakeControlPlane({ keys: {} });
    await cp.start();
    try {
      const dir = await tempDir();
      const r = run(["--url", cp.url, "--state-dir", dir, "--nvidia-smi", "off"], {
        EDGEPLANE_NODE_KEY: key,
      });
      expect(await r.exit).toBe(77);
      expect(r.stderr()).toMatch(/refused the node key \(HTTP 401: Invalid or revoked node key\)/);
    } finally {
      await cp.stop();
    }
  });

  it("runs as a service: reports, then stops cleanly on SIGTERM", async () => {
    const cp = new FakeControlPlane({
      keys: { [key]: { nodeId: "node_7", orgId: "org_1", siteId: "site_1" } },
    });
    await cp.start();
    try {
      const dir = await tempDir();
      const keyFile = path.join(dir, "node-key");
      await writeFile(keyFile, `${key}\n`, { mode: 0o600 });
      const r = run([
        "--url",
        cp.url,
        "--key-file",
        keyFile,
        "--state-dir",
        path.join(dir, "state"),
        "--interval",
        "1",
        "--nvidia-smi",
        path.join(dir, "no-such-nvidia-smi"),
        "--disk-path",
        dir,
      ]);
      await waitFor(() => cp.seqs(key).length >= 1, "the first sample", 15_000);
      r.child.kill("SIGTERM");
      expect(await r.exit).toBe(0);
      const logs = r
        .stdout()
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(logs[0]).toMatchObject({
        level: "info",
        msg: "edgeplane-agent starting",
        keySource: "--key-file",
      });
      expect(String(logs[0]?.key)).toBe(`${key.slice(0, 10)}…`);
      expect(logs.some((l) => l.msg === "agent identity" && l.nodeId === "node_7")).toBe(true);
      expect(logs.some((l) => l.msg === "no NVIDIA GPU on this host: reporting noGpu")).toBe(true);
      expect(logs[logs.length - 1]).toMatchObject({ msg: "stopped" });
      const [first] = cp.stored.get(key)?.values() ?? [];
      expect(first).toMatchObject({ noGpu: true, gpus: [], inference: null });
      expect(first?.host.diskTotalBytes).toBeGreaterThan(0);
      expect(cp.batches[0]?.agent).toMatchObject({
        simulated: false,
        intervalSeconds: 1,
        hostname: os.hostname(),
      });
    } finally {
      await cp.stop();
    }
  });
});
