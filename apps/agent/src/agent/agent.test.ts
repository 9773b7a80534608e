import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DiskBuffer } from "../buffer/disk-buffer.ts";
import { logDrops } from "../buffer/drop-log.ts";
import type { UnsequencedSample } from "../buffer/types.ts";
import { createMemoryLogger } from "../log.ts";
import { FakeControlPlane, testKey, waitFor } from "../testing/fake-control-plane.ts";
import { ControlPlaneClient } from "../transport/client.ts";
import { Agent, type AgentExit, type Sampler } from "./agent.ts";

const key = testKey(1);
const node = { nodeId: "node_1", orgId: "org_1", siteId: "site_1" };

function sampleNo(n: number): UnsequencedSample {
  return {
    at: new Date(Date.UTC(2026, 10, 25, 12, 0, 0, n)).toISOString(),
    gpus: [],
    noGpu: true,
    host: {
      cpuPct: n % 100,
      loadAvg1: 0.5,
      memoryUsedBytes: 1,
      memoryTotalBytes: 2,
      diskUsedBytes: 1,
      diskTotalBytes: 2,
    },
    inference: null,
  };
}

const counting = (): Sampler => {
  let n = 0;
  return { sample: async () => sampleNo(n++) };
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "edgeplane-agent-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function fakePlane(options: Partial<ConstructorParameters<typeof FakeControlPlane>[0]> = {}) {
  const cp = new FakeControlPlane({ keys: { [key]: node }, ...options });
  await cp.start();
  cleanups.push(() => cp.stop());
  return cp;
}

async function startAgent(
  url: string,
  opts: { dir?: string; maxSamples?: number; sampler?: Sampler } = {},
) {
  const dir = opts.dir ?? (await tempDir());
  const { log, lines } = createMemoryLogger();
  const buffer = await DiskBuffer.open({
    dir,
    maxSamples: opts.maxSamples ?? 10_000,
    onDrop: logDrops(log),
  });
  const agent = new Agent({
    client: new ControlPlaneClient({ url, key, timeoutMs: 2000 }),
    buffer,
    sampler: opts.sampler ?? counting(),
    log,
    intervalMs: 20,
    hostname: "gpu-test-01",
    retryMinMs: 10,
    retryMaxMs: 40,
  });
  const done: Promise<AgentExit> = agent.run();
  let stopped = false;
  const stop = async () => {
    if (stopped) return done;
    stopped = true;
    agent.stop();
    const exit = await done;
    await buffer.close();
    return exit;
  };
  cleanups.push(async () => {
    await stop();
  });
  return { agent, buffer, lines, dir, done, stop };
}

const contiguous = (seqs: number[]) =>
  seqs.every((s, i) => i === 0 || s === (seqs[i - 1] ?? 0) + 1);

describe("the agent loop", () => {
  it("delivers samples with increasing seq, labelled with the host", async () => {
    const cp = await fakePlane();
    const a = await startAgent(cp.url);
    await waitFor(() => cp.seqs(key).length >= 5, "five samples");
    await a.stop();
    const seqs = cp.seqs(key);
    expect(contiguous(seqs)).toBe(true);
    expect(cp.arrivals.get(key)).toEqual(seqs);
    expect(cp.batches[0]?.agent).toEqual({
      version: "0.1.0",
      hostname: "gpu-test-01",
      simulated: false,
      intervalSeconds: 1,
    });
    expect(a.lines.find((l) => l.msg === "agent identity")).toMatchObject(node);
  });

  it("keeps samples while the control plane is down and delivers each exactly once, in order", async () => {
    const cp = await fakePlane();
    const a = await startAgent(cp.url);
    await waitFor(() => cp.seqs(key).length >= 3, "first deliveries");
    await cp.stop();
    const collectedAtOutage = a.agent.stats().samplesCollected;
    await waitFor(
      () => a.agent.stats().samplesCollected >= collectedAtOutage + 10,
      "samples during the outage",
    );
    await waitFor(() => a.agent.stats().failedAttempts >= 2, "failed attempts");
    expect(a.buffer.pending()).toBeGreaterThanOrEqual(5);
    await cp.start();
    const target = a.agent.stats().samplesCollected + 3;
    await waitFor(() => cp.seqs(key).length >= target && a.buffer.pending() === 0, "the backlog");
    await a.stop();
    const seqs = cp.seqs(key);
    expect(seqs.length).toBeGreaterThanOrEqual(target);
    expect(contiguous(seqs)).toBe(true);
    // First arrivals came in seq order: the backlog was replayed oldest first.
    expect(cp.arrivals.get(key)).toEqual(seqs);
    expect(
      a.lines.some((l) => l.msg === "control plane unreachable; keeping samples in the buffer"),
    ).toBe(true);
    expect(
      a.lines.some(
        (l) => l.msg === "control plane reachable again; delivering the backlog in order",
      ),
    ).toBe(true);
  });

  it("drops the oldest samples beyond the buffer bound and logs which", async () => {
    const cp = await fakePlane();
    await cp.stop();
    const a = await startAgent(cp.url, { maxSamples: 5 });
    await waitFor(() => a.agent.stats().samplesCollected >= 12, "twelve samples");
    const first = a.agent.stats().nextSeq - a.agent.stats().samplesCollected;
    const drops = a.lines.filter((l) => l.msg === "buffer full: dropped the oldest samples");
    expect(drops[0]).toMatchObject({
      level: "warn",
      dropped: 1,
      fromSeq: first,
      toSeq: first,
      bufferSamples: 5,
    });
    expect(a.buffer.pending()).toBe(5);
    // Drops logged while nothing could be delivered are truly gone; later ones may race a send.
    const lostBeforeRestart = Math.max(
      ...a.lines.filter((l) => l.msg === drops[0]?.msg).map((d) => Number(d.toSeq)),
    );
    await cp.start();
    await waitFor(
      () => a.buffer.pending() === 0 && cp.seqs(key).length > 0,
      "delivery after the outage",
    );
    await a.stop();
    const seqs = cp.seqs(key);
    expect(seqs[0]).toBeGreaterThan(lostBeforeRestart);
    expect(contiguous(seqs)).toBe(true);
  });

  it("stops with a clear message when the key is refused", async () => {
    const cp = await fakePlane();
    cp.revoke(key);
    const a = await startAgent(cp.url);
    const exit = await a.done;
    expect(exit.reason).toBe("unauthorized");
    expect(exit.reason === "unauthorized" && exit.message).toMatch(
      /refused the node key.*wrong, revoked or expired/,
    );
    expect(a.lines.find((l) => l.level === "error")).toMatchObject({
      msg: "node key rejected; stopping",
    });
  });

  it("stops when the key is revoked while it runs, keeping what it has not delivered", async () => {
    const cp = await fakePlane();
    const a = await startAgent(cp.url);
    await waitFor(() => cp.seqs(key).length >= 2, "deliveries");
    cp.revoke(key);
    const exit = await a.done;
    expect(exit.reason).toBe("unauthorized");
    expect(a.buffer.pending()).toBeGreaterThanOrEqual(1);
  });

  it("continues the seq and the backlog after a restart", async () => {
    const cp = await fakePlane();
    await cp.stop();
    const first = await startAgent(cp.url);
    await waitFor(() => first.agent.stats().samplesCollected >= 4, "samples before the restart");
    await first.stop();
    const carried = first.buffer.pending();
    const firstSeq = first.buffer.nextSeq() - carried;
    expect(carried).toBeGreaterThanOrEqual(4);

    const second = await startAgent(cp.url, { dir: first.dir });
    expect(second.buffer.nextSeq()).toBe(firstSeq + carried);
    await waitFor(() => second.agent.stats().samplesCollected >= 3, "samples after the restart");
    await cp.start();
    await waitFor(
      () => second.buffer.pending() === 0 && cp.seqs(key).length >= carried + 3,
      "both runs' samples",
    );
    await second.stop();
    const seqs = cp.seqs(key);
    expect(seqs[0]).toBe(firstSeq);
    expect(contiguous(seqs)).toBe(true);
  });

  it("tolerates a control plane without whoami", async () => {
    const cp = await fakePlane({ whoami: false });
    const a = await startAgent(cp.url);
    await waitFor(() => cp.seqs(key).length >= 2, "deliveries");
    await a.stop();
    expect(a.lines.some((l) => String(l.msg).includes("no /api/agent/v1/whoami"))).toBe(true);
  });

  it("discards a backlog that belongs to another node than its key", async () => {
    const cp = await fakePlane();
    await cp.stop();
    const dir = await tempDir();
    const old = await DiskBuffer.open({ dir, maxSamples: 100 });
    await old.append(sampleNo(1));
    await old.append(sampleNo(2));
    await old.setNodeId("node_previous");
    await old.close();
    await cp.start();
    const a = await startAgent(cp.url, { dir });
    await waitFor(() => cp.seqs(key).length >= 2, "deliveries");
    await a.stop();
    expect(
      a.lines.find(
        (l) => l.msg === "the backlog belongs to another node than this key; discarded it",
      ),
    ).toMatchObject({
      previousNodeId: "node_previous",
      nodeId: "node_1",
      dropped: 2,
    });
    expect(cp.seqs(key)[0]).toBeGreaterThan(
      (a.lines.find((l) => l.dropped === 2)?.toSeq as number) ?? 0,
    );
  });

  it("retries after 5xx without counting anything twice", async () => {
    const cp = await fakePlane();
    cp.failNext = { count: 3, status: 503 };
    const a = await startAgent(cp.url);
    await waitFor(() => cp.seqs(key).length >= 5, "deliveries");
    await a.stop();
    expect(a.agent.stats().failedAttempts).toBeGreaterThanOrEqual(3);
    expect(contiguous(cp.seqs(key))).toBe(true);
    expect(cp.duplicates).toBe(0);
  });

  it("isolates and drops only the sample the control plane refuses", async () => {
    const cp = await fakePlane();
    await cp.stop();
    let n = 0;
    const sampler: Sampler = {
      async sample() {
        n++;
        // The 3rd sample is invalid on the wire (cpuPct above 100), as a buggy collector might send.
        return n === 3
          ? { ...sampleNo(n), host: { ...sampleNo(n).host, cpuPct: 250 } }
          : sampleNo(n);
      },
    };
    const a = await startAgent(cp.url, { sampler });
    await waitFor(() => a.agent.stats().samplesCollected >= 6, "a backlog with the bad sample");
    const firstSeq = a.buffer.nextSeq() - a.agent.stats().samplesCollected;
    await cp.start();
    await waitFor(
      () => a.buffer.pending() === 0 && cp.seqs(key).length >= 5,
      "delivery around the bad sample",
    );
    await a.stop();
    const seqs = cp.seqs(key);
    expect(seqs).not.toContain(firstSeq + 2);
    expect(seqs.slice(0, 4)).toEqual([firstSeq, firstSeq + 1, firstSeq + 3, firstSeq + 4]);
    expect(
      a.lines.find((l) => l.msg === "the control plane refuses this sample; dropping it"),
    ).toMatchObject({
      seq: firstSeq + 2,
    });
  });

  it("sends smaller batches when a batch is too large for the control plane", async () => {
    const cp = await fakePlane({ bodyLimitBytes: 2000 });
    await cp.stop();
    const a = await startAgent(cp.url);
    await waitFor(() => a.agent.stats().samplesCollected >= 20, "a backlog");
    await cp.start();
    await waitFor(
      () => a.buffer.pending() === 0 && cp.seqs(key).length >= 20,
      "delivery in smaller batches",
    );
    await a.stop();
    expect(contiguous(cp.seqs(key))).toBe(true);
    expect(
      a.lines.some(
        (l) => l.msg === "batch too large for the control plane; sending smaller batches",
      ),
    ).toBe(true);
  });
});
