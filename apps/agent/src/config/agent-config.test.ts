import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testKey } from "../testing/fake-control-plane.ts";
import { ConfigError, defaultStateDir, resolveAgentConfig, UsageError } from "./agent-config.ts";
import { parseDuration } from "./duration.ts";

const k1 = testKey(1);
const k2 = testKey(2);
const k3 = testKey(3);

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function files(entries: Record<string, string>): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "agent-config-"));
  dirs.push(dir);
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(entries)) {
    out[name] = path.join(dir, name);
    await writeFile(out[name] ?? "", text);
  }
  return out;
}

describe("agent configuration", () => {
  it("has working defaults: 10 s, 24 h of buffer, nvidia-smi on PATH", async () => {
    const c = await resolveAgentConfig(["--url", "https://cp.example.com/", "--key", k1], {
      STATE_DIRECTORY: "/var/lib/edgeplane-agent",
    });
    expect(c).toMatchObject({
      url: "https://cp.example.com",
      key: k1,
      intervalMs: 10_000,
      bufferHours: 24,
      maxSamples: 8640,
      stateDir: "/var/lib/edgeplane-agent",
      nvidiaSmi: "nvidia-smi",
      upstream: null,
      dcgmUrl: null,
      logLevel: "info",
      logFormat: "json",
    });
    expect(c.warnings).toEqual([
      "--key is visible to other users in `ps`; prefer --key-file or EDGEPLANE_NODE_KEY",
    ]);
  });

  it("takes flags over environment variables over the YAML file", async () => {
    const f = await files({
      "agent.yaml": `url: https://from-file.example.com\nkey: ${k3}\ninterval: 60\nupstream: http://127.0.0.1:8000/v1\ndcgmUrl: http://127.0.0.1:9400/metrics\nbufferHours: 2\n`,
    });
    const env = {
      EDGEPLANE_AGENT_CONFIG: f["agent.yaml"],
      EDGEPLANE_URL: "https://from-env.example.com",
      EDGEPLANE_NODE_KEY: k2,
      EDGEPLANE_INTERVAL: "30s",
    };
    const fromEnv = await resolveAgentConfig([], env);
    expect(fromEnv).toMatchObject({
      url: "https://from-env.example.com",
      key: k2,
      keySource: "EDGEPLANE_NODE_KEY",
      intervalMs: 30_000,
      upstream: "http://127.0.0.1:8000/v1",
      dcgmUrl: "http://127.0.0.1:9400/metrics",
      maxSamples: 240,
    });
    const fromFlags = await resolveAgentConfig(
      ["--url", "https://from-flag.example.com", "--interval", "15"],
      env,
    );
    expect(fromFlags).toMatchObject({
      url: "https://from-flag.example.com",
      intervalMs: 15_000,
      key: k2,
    });
    const fileOnly = await resolveAgentConfig(["--config", f["agent.yaml"] ?? ""], {});
    expect(fileOnly).toMatchObject({
      url: "https://from-file.example.com",
      key: k3,
      intervalMs: 60_000,
    });
  });

  it("reads the key from a file, trimmed", async () => {
    const f = await files({ key: `${k1}\n` });
    const c = await resolveAgentConfig(
      ["--url", "http://localhost:3000", "--key-file", f.key ?? ""],
      {},
    );
    expect(c).toMatchObject({ key: k1, keySource: "--key-file", warnings: [] });
  });

  it("names what is wrong", async () => {
    await expect(resolveAgentConfig(["--key", k1], {})).rejects.toThrow(
      new ConfigError("the control plane URL is required: --url or EDGEPLANE_URL"),
    );
    await expect(resolveAgentConfig(["--url", "https://x"], {})).rejects.toThrow(
      /node key is required/,
    );
    await expect(resolveAgentConfig(["--url", "https://x", "--key", "sk-123"], {})).rejects.toThrow(
      /does not look like a node key/,
    );
    await expect(resolveAgentConfig(["--url", "ftp://x", "--key", k1], {})).rejects.toThrow(
      /--url must be an http\(s\) URL/,
    );
    await expect(
      resolveAgentConfig(["--url", "https://x", "--key", k1, "--interval", "500ms"], {}),
    ).rejects.toThrow(/--interval must be between 1s and 1h/);
    await expect(
      resolveAgentConfig(["--url", "https://x", "--key-file", "/nonexistent/key"], {}),
    ).rejects.toThrow(/cannot read key file \/nonexistent\/key: ENOENT/);
    await expect(
      resolveAgentConfig(["--url", "https://x", "--frobnicate"], {}),
    ).rejects.toBeInstanceOf(UsageError);
    const f = await files({ "bad.yaml": "url: https://x\nintervall: 10\n" });
    await expect(
      resolveAgentConfig(["--config", f["bad.yaml"] ?? "", "--key", k1], {}),
    ).rejects.toThrow(/intervall/);
  });

  it("names the variable that holds a bad value", async () => {
    await expect(
      resolveAgentConfig([], {
        EDGEPLANE_URL: "https://x",
        EDGEPLANE_NODE_KEY: k1,
        EDGEPLANE_INTERVAL: "0",
      }),
    ).rejects.toThrow(/^EDGEPLANE_INTERVAL must be between 1s and 1h, got "0"$/);
  });

  it("warns when the key would travel over plain http to another host", async () => {
    const c = await resolveAgentConfig(["--url", "http://cp.lan:3000"], { EDGEPLANE_NODE_KEY: k1 });
    expect(c.warnings).toEqual(["the node key is sent over plain http; use https outside a lab"]);
  });

  it("can turn nvidia-smi off and chooses a state dir for root and for users", async () => {
    const c = await resolveAgentConfig(["--url", "https://x", "--nvidia-smi", "off"], {
      EDGEPLANE_NODE_KEY: k1,
    });
    expect(c.nvidiaSmi).toBeNull();
    expect(defaultStateDir({ STATE_DIRECTORY: "/var/lib/a:/var/lib/b" })).toBe("/var/lib/a");
    expect(defaultStateDir({})).toBe(
      process.getuid?.() === 0
        ? "/var/lib/edgeplane-agent"
        : path.join(os.homedir(), ".edgeplane-agent"),
    );
  });

  it("reads durations", () => {
    expect(parseDuration("10")).toBe(10_000);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration("2m")).toBe(120_000);
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("soon")).toBeNull();
  });
});
