import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { telemetrySampleSchema } from "@edgeplane/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryLogger } from "../log.ts";
import { FakeControlPlane, testKey } from "../testing/fake-control-plane.ts";
import { runSimulateCommand } from "./command.ts";
import { Fleet } from "./fleet.ts";
import { acceleratorProfile } from "./profiles.ts";

const keys = Array.from({ length: 25 }, (_, i) => testKey(100 + i));
const identities = Object.fromEntries(
  keys.map((k, i) => [k, { nodeId: `node_${i}`, orgId: "org_1", siteId: "site_1" }]),
);

const planes: FakeControlPlane[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of planes.splice(0)) await p.stop();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function plane(): Promise<FakeControlPlane> {
  const cp = new FakeControlPlane({ keys: identities });
  await cp.start();
  planes.push(cp);
  return cp;
}

const profile = acceleratorProfile("nvidia-l40s");
if (!profile) throw new Error("catalogue lacks the L40S");

describe("fleet simulator", () => {
  it("sends valid, labelled batches for every node, staggered and in seq order", async () => {
    const cp = await plane();
    cp.revoke(keys[24] ?? "");
    const { log, lines } = createMemoryLogger("info");
    const summary = await new Fleet({
      url: cp.url,
      keys,
      intervalMs: 40,
      profile,
      gpusPerNode: 4,
      model: "Qwen/Qwen2.5-7B-Instruct",
      silentProbability: 0.03,
      overheatProbability: 0.01,
      xidProbability: 0.001,
      durationMs: 800,
      concurrency: 4,
      bufferSamples: 100,
      seed: 42,
      log,
    }).run();
    expect(cp.rejectedBodies).toEqual([]);
    expect(cp.batches.length).toBeGreaterThan(0);
    for (const b of cp.batches) {
      expect(b.agent).toMatchObject({ simulated: true, intervalSeconds: 1 });
      expect(b.agent.hostname).toMatch(/^sim-gpu-\d{4}$/);
      for (const s of b.samples) {
        expect(() => telemetrySampleSchema.parse(s)).not.toThrow();
        expect(s.gpus).toHaveLength(4);
      }
    }
    const delivered = keys.filter((k) => cp.seqs(k).length > 0);
    expect(delivered.length).toBeGreaterThanOrEqual(20);
    for (const k of delivered) {
      const seqs = cp.seqs(k);
      expect(seqs.every((s, i) => i === 0 || s === (seqs[i - 1] ?? 0) + 1)).toBe(true);
      expect(cp.arrivals.get(k)).toEqual(seqs);
    }
    expect(cp.seqs(keys[24] ?? "")).toEqual([]);
    expect(summary).toMatchObject({ nodes: 25, simulated: true, rejectedKeys: 1, duplicates: 0 });
    expect(summary.samplesDelivered).toBe(delivered.reduce((n, k) => n + cp.seqs(k).length, 0));
    expect(summary.latencyMs.p50).not.toBeNull();
    expect(lines.some((l) => l.msg === "node key rejected; this simulated node stops")).toBe(true);
  });

  it("runs from the command line and prints a summary", async () => {
    const cp = await plane();
    const dir = await mkdtemp(path.join(os.tmpdir(), "sim-"));
    dirs.push(dir);
    const keyFile = path.join(dir, "keys.txt");
    await writeFile(keyFile, `# fleet keys\n${keys.slice(0, 5).join("\n")}\n\n`);
    let out = "";
    let err = "";
    const code = await runSimulateCommand(
      [
        "--url",
        cp.url,
        "--keys",
        keyFile,
        "--nodes",
        "3",
        "--interval",
        "1s",
        "--duration",
        "1500ms",
        "--accelerator",
        "l4",
        "--gpus",
        "1",
        "--seed",
        "7",
        "--report-every",
        "1s",
      ],
      {},
      { out: (t) => (out += t), err: (t) => (err += t) },
    );
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    expect(summary).toMatchObject({ nodes: 3, simulated: true, rejectedKeys: 0 });
    expect(summary.samplesDelivered).toBeGreaterThanOrEqual(3);
    expect(new Set(cp.batches.map((b) => b.agent.hostname))).toEqual(
      new Set(["sim-gpu-0001", "sim-gpu-0002", "sim-gpu-0003"]),
    );
    expect(cp.batches[0]?.samples[0]?.gpus[0]?.name).toBe("NVIDIA L4");
    expect(err).toContain("simulating a fleet");

    const bad = await runSimulateCommand(
      ["--url", cp.url, "--keys", keyFile, "--nodes", "9"],
      {},
      { out: () => {}, err: (t) => (err = t) },
    );
    expect(bad).toBe(64);
    expect(err).toMatch(/--nodes must be a number from 1 to 5/);
  });
});
