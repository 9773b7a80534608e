import { sleep } from "../agent/sleep.ts";
import { MemoryBuffer } from "../buffer/memory-buffer.ts";
import type { Logger } from "../log.ts";
import { batchBody, ControlPlaneClient } from "../transport/client.ts";
import { agentVersion } from "../version.ts";
import type { AcceleratorProfile } from "./profiles.ts";
import { nodeSeed } from "./rng.ts";
import { SimNode } from "./sim-node.ts";

export interface FleetOptions {
  url: string;
  keys: string[];
  intervalMs: number;
  profile: AcceleratorProfile;
  gpusPerNode: number;
  model: string;
  silentProbability: number;
  overheatProbability: number;
  xidProbability: number;
  /** Null runs until stop(). */
  durationMs: number | null;
  /** Requests in flight at once, across the whole fleet. */
  concurrency: number;
  /** Samples each node keeps while it cannot deliver. */
  bufferSamples: number;
  seed: number;
  log: Logger;
  reportEveryMs?: number;
  timeoutMs?: number;
}

export interface FleetSummary {
  nodes: number;
  simulated: true;
  durationSeconds: number;
  samplesGenerated: number;
  samplesDelivered: number;
  duplicates: number;
  batches: number;
  failedRequests: number;
  samplesDropped: number;
  rejectedKeys: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  statuses: Record<string, number>;
}

interface NodeSlot {
  node: SimNode;
  client: ControlPlaneClient;
  buffer: MemoryBuffer;
  keyStart: string;
  offsetMs: number;
  inFlight: boolean;
  retryAtMs: number;
  failures: number;
  rejected: boolean;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return (
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10
  );
}

/**
 * Thousands of simulated agents in one process: each node sends at its own offset inside the
 * interval (staggered), at most `concurrency` requests are in flight, and a node with a request
 * still in flight simply carries its samples into the next batch.
 */
export class Fleet {
  readonly #o: FleetOptions;
  readonly #slots: NodeSlot[];
  readonly #stop = new AbortController();
  readonly #queue: NodeSlot[] = [];
  #active = 0;
  #idle: (() => void) | null = null;
  readonly #latencies: number[] = [];
  #latencySeen = 0;
  readonly #summary = {
    samplesGenerated: 0,
    samplesDelivered: 0,
    duplicates: 0,
    batches: 0,
    failedRequests: 0,
    samplesDropped: 0,
    rejectedKeys: 0,
  };
  readonly #statuses: Record<string, number> = {};

  constructor(options: FleetOptions) {
    this.#o = options;
    const start = Date.now();
    const n = options.keys.length;
    this.#slots = options.keys.map((key, index) => ({
      node: new SimNode({
        index,
        profile: options.profile,
        gpus: options.gpusPerNode,
        seed: nodeSeed(options.seed, index),
        model: options.model,
        silentProbability: options.silentProbability,
        overheatProbability: options.overheatProbability,
        xidProbability: options.xidProbability,
        startMs: start,
      }),
      client: new ControlPlaneClient({ url: options.url, key, timeoutMs: options.timeoutMs }),
      buffer: new MemoryBuffer({
        maxSamples: options.bufferSamples,
        onDrop: (d) => {
          this.#summary.samplesDropped += d.count;
        },
      }),
      keyStart: `${key.slice(0, 10)}…`,
      offsetMs: (index / n) * options.intervalMs,
      inFlight: false,
      retryAtMs: 0,
      failures: 0,
      rejected: false,
    }));
  }

  stop(): void {
    this.#stop.abort();
  }

  #record(latencyMs: number): void {
    this.#latencySeen++;
    if (this.#latencies.length < 20_000) this.#latencies.push(latencyMs);
    else {
      // Reservoir sampling keeps the percentiles honest over long runs in bounded memory.
      const j = Math.floor(Math.random() * this.#latencySeen);
      if (j < this.#latencies.length) this.#latencies[j] = latencyMs;
    }
  }

  #enqueue(slot: NodeSlot): void {
    if (slot.inFlight || slot.rejected) return;
    slot.inFlight = true;
    this.#queue.push(slot);
    this.#pump();
  }

  #pump(): void {
    while (this.#active < this.#o.concurrency && this.#queue.length > 0) {
      const slot = this.#queue.shift();
      if (!slot) break;
      this.#active++;
      void this.#send(slot).finally(() => {
        this.#active--;
        slot.inFlight = false;
        if (
          !slot.rejected &&
          slot.buffer.pending() > 0 &&
          slot.failures === 0 &&
          !slot.node.silent
        ) {
          this.#enqueue(slot);
        }
        this.#pump();
        if (this.#active === 0 && this.#queue.length === 0) this.#idle?.();
      });
    }
  }

  async #send(slot: NodeSlot): Promise<void> {
    const batch = await slot.buffer.peek(500, 512 * 1024);
    const last = batch[batch.length - 1];
    if (!last) return;
    const agent = {
      version: agentVersion,
      hostname: slot.node.hostname,
      simulated: true,
      intervalSeconds: Math.min(3600, Math.max(1, Math.round(this.#o.intervalMs / 1000))),
    };
    const started = performance.now();
    const result = await slot.client.postTelemetry(batchBody(agent, batch), this.#stop.signal);
    this.#record(performance.now() - started);
    const status = result.kind === "ok" ? "200" : result.kind;
    this.#statuses[status] = (this.#statuses[status] ?? 0) + 1;
    if (result.kind === "ok") {
      await slot.buffer.ack(last.seq);
      slot.failures = 0;
      this.#summary.batches++;
      this.#summary.samplesDelivered += batch.length;
      this.#summary.duplicates += result.ack.duplicates;
      return;
    }
    this.#summary.failedRequests++;
    if (result.kind === "unauthorized") {
      slot.rejected = true;
      this.#summary.rejectedKeys++;
      this.#o.log.error("node key rejected; this simulated node stops", {
        node: slot.node.hostname,
        key: slot.keyStart,
        detail: result.detail,
      });
      return;
    }
    if (result.kind === "rejected" || result.kind === "too-large") {
      await slot.buffer.ack(last.seq);
      this.#o.log.error("control plane rejected a simulated batch; dropped it", {
        node: slot.node.hostname,
        detail: result.detail,
      });
      return;
    }
    slot.failures++;
    const backoffTicks = Math.min(6, 2 ** (slot.failures - 1));
    slot.retryAtMs =
      Date.now() +
      (result.retryAfterMs ?? backoffTicks * this.#o.intervalMs * (0.5 + Math.random() * 0.5));
    if (slot.failures === 1) {
      this.#o.log.debug("simulated node cannot reach the control plane", {
        node: slot.node.hostname,
        detail: result.detail,
      });
    }
  }

  async #tick(slot: NodeSlot, now: number): Promise<void> {
    const { sample, canSend, events } = slot.node.tick(now);
    for (const e of events)
      this.#o.log.info(`simulated node event: ${e.type}`, { node: slot.node.hostname, ...e });
    if (sample) {
      await slot.buffer.append(sample);
      this.#summary.samplesGenerated++;
    }
    if (canSend && now >= slot.retryAtMs && slot.buffer.pending() > 0) {
      if (slot.failures > 0) slot.failures = 0;
      this.#enqueue(slot);
    }
  }

  #report(startedAt: number): void {
    const online = this.#slots.filter((s) => !s.node.silent && !s.rejected).length;
    this.#o.log.info("simulator progress", {
      nodes: this.#slots.length,
      online,
      silent: this.#slots.filter((s) => s.node.silent).length,
      overheating: this.#slots.filter((s) => s.node.overheating).length,
      elapsedSeconds: Math.round((Date.now() - startedAt) / 1000),
      inFlight: this.#active,
      queued: this.#queue.length,
      ...this.#summary,
    });
  }

  async run(): Promise<FleetSummary> {
    const signal = this.#stop.signal;
    const startedAt = Date.now();
    const endAt =
      this.#o.durationMs === null ? Number.POSITIVE_INFINITY : startedAt + this.#o.durationMs;
    const reportEvery = this.#o.reportEveryMs ?? 10_000;
    let nextReport = startedAt + reportEvery;
    for (let cycle = 0; !signal.aborted; cycle++) {
      const cycleStart = startedAt + cycle * this.#o.intervalMs;
      if (cycleStart >= endAt) break;
      for (const slot of this.#slots) {
        if (signal.aborted) break;
        const due = cycleStart + slot.offsetMs;
        if (due >= endAt) break;
        const wait = due - Date.now();
        if (wait > 1) await sleep(wait, signal);
        if (signal.aborted) break;
        if (!slot.rejected) await this.#tick(slot, Date.now());
      }
      if (Date.now() >= nextReport) {
        this.#report(startedAt);
        nextReport += reportEvery;
      }
    }
    if (this.#active > 0 || this.#queue.length > 0) {
      await Promise.race([
        new Promise<void>((resolve) => {
          this.#idle = resolve;
        }),
        sleep(this.#o.timeoutMs ?? 15_000),
      ]);
    }
    const sorted = [...this.#latencies].sort((a, b) => a - b);
    return {
      nodes: this.#slots.length,
      simulated: true,
      durationSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
      ...this.#summary,
      latencyMs: {
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        p99: percentile(sorted, 0.99),
      },
      statuses: this.#statuses,
    };
  }
}
