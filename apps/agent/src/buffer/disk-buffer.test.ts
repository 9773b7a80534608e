import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DiskBuffer } from "./disk-buffer.ts";
import { StateDirBusyError } from "./lock.ts";
import type { DropNotice, UnsequencedSample } from "./types.ts";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tmp() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "edgeplane-agent-buffer-"));
  dirs.push(dir);
  return dir;
}

const sample = (n: number): UnsequencedSample => ({
  at: new Date(Date.UTC(2026, 10, 25, 12, 0, n)).toISOString(),
  gpus: [],
  noGpu: true,
  host: {
    cpuPct: n % 100,
    loadAvg1: 1,
    memoryUsedBytes: 1,
    memoryTotalBytes: 2,
    diskUsedBytes: 1,
    diskTotalBytes: 2,
  },
  inference: null,
});

const seqsOf = async (b: DiskBuffer) =>
  (await b.peek(10_000, Number.POSITIVE_INFINITY)).map((s) => s.seq);

describe("DiskBuffer", () => {
  it("numbers samples from the current Unix second and hands them back oldest first", async () => {
    const dir = await tmp();
    const before = Math.floor(Date.now() / 1000);
    const b = await DiskBuffer.open({ dir, maxSamples: 100 });
    const first = await b.append(sample(1));
    await b.append(sample(2));
    await b.append(sample(3));
    expect(first.seq).toBeGreaterThanOrEqual(before);
    expect(await seqsOf(b)).toEqual([first.seq, first.seq + 1, first.seq + 2]);
    const [head] = await b.peek(1, 1e9);
    expect(head && JSON.parse(head.json)).toEqual({ seq: first.seq, ...sample(1) });
    await b.ack(first.seq + 1);
    expect(await seqsOf(b)).toEqual([first.seq + 2]);
    expect(b.pending()).toBe(1);
    await b.close();
  });

  it("keeps the seq counter and the backlog across a restart", async () => {
    const dir = await tmp();
    const a = await DiskBuffer.open({ dir, maxSamples: 100 });
    const first = (await a.append(sample(1))).seq;
    for (let i = 2; i <= 5; i++) await a.append(sample(i));
    await a.ack(first + 1);
    await a.close();

    const b = await DiskBuffer.open({ dir, maxSamples: 100 });
    expect(b.nextSeq()).toBe(first + 5);
    expect(await seqsOf(b)).toEqual([first + 2, first + 3, first + 4]);
    expect((await b.append(sample(6))).seq).toBe(first + 5);
    await b.ack(first + 5);
    await b.close();

    // Everything delivered: the counter still continues after the next restart.
    const c = await DiskBuffer.open({ dir, maxSamples: 100 });
    expect(c.pending()).toBe(0);
    expect((await c.append(sample(7))).seq).toBe(first + 6);
    await c.close();
  });

  it("drops the oldest beyond its bound and says which seqs went", async () => {
    const dir = await tmp();
    const drops: DropNotice[] = [];
    const b = await DiskBuffer.open({ dir, maxSamples: 5, onDrop: (d) => drops.push(d) });
    const first = (await b.append(sample(0))).seq;
    for (let i = 1; i < 12; i++) await b.append(sample(i));
    expect(await seqsOf(b)).toEqual([7, 8, 9, 10, 11].map((i) => first + i));
    expect(drops.reduce((n, d) => n + d.count, 0)).toBe(7);
    expect(drops[0]).toEqual({ count: 1, fromSeq: first, toSeq: first, maxSamples: 5 });
    expect(drops[drops.length - 1]?.toSeq).toBe(first + 6);
    await b.close();

    // A smaller bound after a restart applies at once, in one notice.
    const later: DropNotice[] = [];
    const c = await DiskBuffer.open({ dir, maxSamples: 2, onDrop: (d) => later.push(d) });
    expect(later).toEqual([{ count: 3, fromSeq: first + 7, toSeq: first + 9, maxSamples: 2 }]);
    expect(await seqsOf(c)).toEqual([first + 10, first + 11]);
    await c.close();
  });

  it("rotates segment files and deletes them once delivered", async () => {
    const dir = await tmp();
    const b = await DiskBuffer.open({ dir, maxSamples: 100, segmentSamples: 3 });
    const first = (await b.append(sample(0))).seq;
    for (let i = 1; i < 8; i++) await b.append(sample(i));
    expect(await readdir(path.join(dir, "segments"))).toHaveLength(3);
    expect((await b.peek(100, 1e9)).map((s) => s.seq)).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => first + i),
    );
    await b.ack(first + 5);
    expect(await readdir(path.join(dir, "segments"))).toHaveLength(1);
    await b.ack(first + 7);
    expect(await readdir(path.join(dir, "segments"))).toHaveLength(0);
    expect((await b.append(sample(8))).seq).toBe(first + 8);
    await b.close();
  });

  it("limits a batch by bytes but always returns at least one sample", async () => {
    const dir = await tmp();
    const b = await DiskBuffer.open({ dir, maxSamples: 100 });
    for (let i = 0; i < 10; i++) await b.append(sample(i));
    const one = (await b.peek(1, 1e9))[0]?.json.length ?? 0;
    expect(await b.peek(500, one * 3 + 3)).toHaveLength(3);
    expect(await b.peek(500, 1)).toHaveLength(1);
    await b.close();
  });

  it("survives a torn last line from a crash mid-write", async () => {
    const dir = await tmp();
    const a = await DiskBuffer.open({ dir, maxSamples: 100 });
    const first = (await a.append(sample(0))).seq;
    await a.append(sample(1));
    await a.close();
    const [segment] = await readdir(path.join(dir, "segments"));
    await appendFile(
      path.join(dir, "segments", segment ?? ""),
      `{"seq":${first + 2},"at":"2026-11-25T12:0`,
    );
    const b = await DiskBuffer.open({ dir, maxSamples: 100 });
    expect(await seqsOf(b)).toEqual([first, first + 1]);
    expect((await b.append(sample(2))).seq).toBe(first + 2);
    expect(await seqsOf(b)).toEqual([first, first + 1, first + 2]);
    await b.close();
  });

  it("lets one agent at a time use a state dir", async () => {
    const dir = await tmp();
    const a = await DiskBuffer.open({ dir, maxSamples: 10 });
    await expect(DiskBuffer.open({ dir, maxSamples: 10 })).rejects.toBeInstanceOf(
      StateDirBusyError,
    );
    await a.close();

    // A live process of this boot holds it: refused, naming the pid.
    const bootId = await readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => "unknown");
    await writeFile(
      path.join(dir, "agent.lock"),
      JSON.stringify({ pid: process.ppid, bootId: bootId.trim() }),
    );
    await expect(DiskBuffer.open({ dir, maxSamples: 10 })).rejects.toThrow(`pid ${process.ppid}`);

    // A lock left by a process that is gone is taken over.
    await writeFile(
      path.join(dir, "agent.lock"),
      JSON.stringify({ pid: 2 ** 22 + 17, bootId: "x" }),
    );
    const b = await DiskBuffer.open({ dir, maxSamples: 10 });
    await b.close();
  });

  it("remembers which node its backlog belongs to, and can discard it", async () => {
    const dir = await tmp();
    const a = await DiskBuffer.open({ dir, maxSamples: 10 });
    const first = (await a.append(sample(0))).seq;
    await a.append(sample(1));
    await a.setNodeId("node_A");
    await a.close();
    const b = await DiskBuffer.open({ dir, maxSamples: 10 });
    expect(b.nodeId()).toBe("node_A");
    expect(await b.discardBefore(first + 2)).toEqual({
      count: 2,
      fromSeq: first,
      toSeq: first + 1,
      maxSamples: 10,
    });
    expect(b.pending()).toBe(0);
    expect((await b.append(sample(2))).seq).toBe(first + 2);
    await b.close();
  });
});
