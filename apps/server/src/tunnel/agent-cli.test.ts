import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chat, direct, normalize, startTestbed, type Testbed, until } from "./test-kit.ts";

const cli = fileURLToPath(new URL("../../../agent/src/cli.ts", import.meta.url));

let t: Testbed;
const children: ChildProcess[] = [];
const dirs: string[] = [];
beforeAll(async () => {
  t = await startTestbed();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await t.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function stateDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "agent-tunnel-cli-"));
  dirs.push(dir);
  return dir;
}

function agentProcess(args: string[], key: string) {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), EDGEPLANE_NODE_KEY: key },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const logs = () =>
    out
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { child, exit, logs };
}

describe("edgeplane-agent with --upstream", () => {
  it("serves gateway requests through its tunnel next to telemetry, and stops on SIGTERM", async () => {
    const node = await t.node();
    const dir = await stateDir();
    const args = ["--url", t.url, "--upstream", t.upstream.url, "--state-dir", dir];
    const agent = agentProcess([...args, "--nvidia-smi", "off", "--disk-path", dir], node.secret);
    await until(() => t.hub().isConnected(node.nodeId), "the CLI agent's tunnel", 15_000);
    const body = chat("from the command line");
    const res = await t.hub().request(node.nodeId, {
      method: "POST",
      path: "/chat/completions",
      headers: { "content-type": "application/json" },
      body,
      signal: new AbortController().signal,
    });
    expect(normalize(await new Response(res.body).text())).toBe(
      normalize(await (await direct(t.upstream, body)).text()),
    );
    agent.child.kill("SIGTERM");
    expect(await agent.exit).toBe(0);
    expect(agent.logs()[0]).toMatchObject({ msg: "edgeplane-agent starting", tunnel: "on" });
    expect(agent.logs().some((l) => l.msg === "tunnel connected" && l.nodeId === node.nodeId)).toBe(
      true,
    );
    await until(() => !t.hub().isConnected(node.nodeId), "the tunnel to close");
  });

  it("opens no tunnel with --no-tunnel", async () => {
    const node = await t.node();
    const dir = await stateDir();
    const args = ["--url", t.url, "--upstream", t.upstream.url, "--state-dir", dir, "--no-tunnel"];
    const agent = agentProcess([...args, "--nvidia-smi", "off", "--disk-path", dir], node.secret);
    await until(() => agent.logs().some((l) => l.msg === "agent identity"), "the agent to start");
    expect(agent.logs()[0]).toMatchObject({ tunnel: "off" });
    expect(t.hub().isConnected(node.nodeId)).toBe(false);
    agent.child.kill("SIGTERM");
    expect(await agent.exit).toBe(0);
  });
});
