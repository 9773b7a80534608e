import type { TelemetryBatch } from "@edgeplane/contracts";
import type { SampleBuffer, UnsequencedSample } from "../buffer/types.ts";
import type { Logger } from "../log.ts";
import { batchBody, type ControlPlaneClient } from "../transport/client.ts";
import { agentVersion } from "../version.ts";
import { sleep } from "./sleep.ts";

export interface Sampler {
  sample(): Promise<UnsequencedSample>;
}

export interface AgentOptions {
  client: ControlPlaneClient;
  buffer: SampleBuffer;
  sampler: Sampler;
  log: Logger;
  intervalMs: number;
  hostname: string;
  simulated?: boolean;
  /** The contract's ceiling is 500 samples a batch. */
  maxBatchSamples?: number;
  /** Stays under the control plane's body limit (1 MiB by default). */
  maxBatchBytes?: number;
  /** First retry after a failure; doubles up to `retryMaxMs`, with jitter. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export type AgentExit = { reason: "stopped" } | { reason: "unauthorized"; message: string };

export interface AgentStats {
  samplesCollected: number;
  samplesDelivered: number;
  duplicatesReported: number;
  batchesSent: number;
  failedAttempts: number;
  pending: number;
  nextSeq: number;
}

/**
 * Two loops: one collects a sample every interval into the buffer; the other delivers the
 * buffer oldest-first in batches, acknowledging each batch only after the control plane's 200.
 */
export class Agent {
  readonly #o: Required<Omit<AgentOptions, "simulated">> & { simulated: boolean };
  readonly #stop = new AbortController();
  #wake: () => void = () => {};
  #exit: AgentExit | null = null;
  readonly #stats = {
    samplesCollected: 0,
    samplesDelivered: 0,
    duplicatesReported: 0,
    batchesSent: 0,
    failedAttempts: 0,
  };

  constructor(options: AgentOptions) {
    this.#o = {
      simulated: false,
      maxBatchSamples: 500,
      maxBatchBytes: 512 * 1024,
      retryMinMs: Math.min(options.intervalMs, 10_000),
      retryMaxMs: Math.max(60_000, options.intervalMs),
      ...options,
    };
  }

  stats(): AgentStats {
    return { ...this.#stats, pending: this.#o.buffer.pending(), nextSeq: this.#o.buffer.nextSeq() };
  }

  stop(): void {
    this.#stop.abort();
    this.#wake();
  }

  get #agentInfo(): TelemetryBatch["agent"] {
    return {
      version: agentVersion,
      hostname: this.#o.hostname,
      simulated: this.#o.simulated,
      intervalSeconds: Math.min(3600, Math.max(1, Math.round(this.#o.intervalMs / 1000))),
    };
  }

  async run(): Promise<AgentExit> {
    // Collection starts at once; delivery waits until we know whose backlog this is.
    const backlogEnd = this.#o.buffer.nextSeq();
    const collecting = this.#collectLoop();
    await this.#identify(backlogEnd);
    if (!this.#exit) await this.#sendLoop();
    await collecting;
    return this.#exit ?? { reason: "stopped" };
  }

  #unauthorized(detail: string): void {
    const message = `the control plane refused the node key (${detail}): it is wrong, revoked or expired. Create a new key under /nodes/keys and restart the agent with it`;
    this.#o.log.error("node key rejected; stopping", { detail });
    this.#exit = { reason: "unauthorized", message };
    this.stop();
  }

  async #identify(backlogEnd: number): Promise<void> {
    const { client, buffer, log } = this.#o;
    const who = await client.whoami(this.#stop.signal);
    if (this.#stop.signal.aborted) return;
    if (who.kind === "unauthorized") return this.#unauthorized(who.detail);
    if (who.kind === "unsupported") {
      log.info("the control plane has no /api/agent/v1/whoami yet; continuing without it");
      return;
    }
    if (who.kind === "unreachable") {
      log.warn("control plane unreachable at start-up; samples are kept until it answers", {
        detail: who.detail,
      });
      return;
    }
    log.info("agent identity", { nodeId: who.nodeId, orgId: who.orgId, siteId: who.siteId });
    const previous = buffer.nodeId?.() ?? null;
    if (previous !== null && previous !== who.nodeId) {
      const dropped = await buffer.discardBefore(backlogEnd);
      if (dropped) {
        log.warn("the backlog belongs to another node than this key; discarded it", {
          previousNodeId: previous,
          nodeId: who.nodeId,
          dropped: dropped.count,
          fromSeq: dropped.fromSeq,
          toSeq: dropped.toSeq,
        });
      }
    }
    await buffer.setNodeId?.(who.nodeId);
  }

  async #collectLoop(): Promise<void> {
    const { intervalMs, log } = this.#o;
    const signal = this.#stop.signal;
    let due = Date.now();
    while (!signal.aborted) {
      await this.#collectOnce();
      due += intervalMs;
      const now = Date.now();
      if (due <= now) {
        const missed = Math.floor((now - due) / intervalMs) + 1;
        due += missed * intervalMs;
        log.debug("collection took longer than the interval; skipped ticks", { missed });
      }
      await sleep(due - Date.now(), signal);
    }
  }

  async #collectOnce(): Promise<void> {
    const { sampler, buffer, log } = this.#o;
    let sample: UnsequencedSample;
    try {
      sample = await sampler.sample();
    } catch (err) {
      log.error("collecting a sample failed", { error: String(err) });
      return;
    }
    if (this.#stop.signal.aborted) return;
    try {
      await buffer.append(sample);
      this.#stats.samplesCollected++;
      this.#wake();
    } catch (err) {
      log.error("could not write the sample to the state dir; this sample is lost", {
        error: String(err),
      });
    }
  }

  #waitForWork(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      if (this.#o.buffer.pending() > 0 || this.#stop.signal.aborted) resolve();
    });
  }

  #backoff(failures: number): number {
    const { retryMinMs, retryMaxMs } = this.#o;
    const ceiling = Math.min(retryMaxMs, retryMinMs * 2 ** Math.min(failures - 1, 20));
    return ceiling * (0.5 + Math.random() * 0.5);
  }

  async #sendLoop(): Promise<void> {
    const { client, buffer, log, maxBatchSamples, maxBatchBytes } = this.#o;
    const signal = this.#stop.signal;
    let batchLimit = maxBatchSamples;
    // After a 413, batches stay below the size that was refused.
    let batchCeiling = maxBatchSamples;
    let isolateThrough: number | null = null;
    let failures = 0;
    let lastWarnAt = 0;
    while (!signal.aborted) {
      const batch = await buffer.peek(isolateThrough === null ? batchLimit : 1, maxBatchBytes);
      const first = batch[0];
      const last = batch[batch.length - 1];
      if (!first || !last) {
        await this.#waitForWork();
        continue;
      }
      const result = await client.postTelemetry(batchBody(this.#agentInfo, batch), signal);
      if (signal.aborted) break;
      const range = { fromSeq: first.seq, toSeq: last.seq, samples: batch.length };
      if (result.kind === "ok") {
        await buffer.ack(last.seq);
        this.#stats.batchesSent++;
        this.#stats.samplesDelivered += batch.length;
        this.#stats.duplicatesReported += result.ack.duplicates;
        if (failures > 0) {
          log.info("control plane reachable again; delivering the backlog in order", {
            failedAttempts: failures,
            backlog: buffer.pending(),
          });
        }
        failures = 0;
        if (isolateThrough !== null && last.seq >= isolateThrough) isolateThrough = null;
        batchLimit = Math.min(batchCeiling, batchLimit * 2);
        log.debug("telemetry delivered", { ...range, ...result.ack });
        continue;
      }
      if (result.kind === "unauthorized") return this.#unauthorized(result.detail);
      if (result.kind === "too-large" && batch.length > 1) {
        batchCeiling = Math.min(batchCeiling, batch.length - 1);
        batchLimit = Math.max(1, Math.floor(batch.length / 2));
        log.warn("batch too large for the control plane; sending smaller batches", {
          ...range,
          batchLimit,
        });
        continue;
      }
      if (result.kind === "rejected" && batch.length > 1) {
        isolateThrough = last.seq;
        log.warn("the control plane rejected a batch; resending it one sample at a time", {
          ...range,
          detail: result.detail,
        });
        continue;
      }
      if (result.kind === "too-large" || result.kind === "rejected") {
        log.error("the control plane refuses this sample; dropping it", {
          seq: last.seq,
          detail: result.detail,
        });
        await buffer.ack(last.seq);
        if (isolateThrough !== null && last.seq >= isolateThrough) isolateThrough = null;
        continue;
      }
      failures++;
      this.#stats.failedAttempts++;
      const delay = result.retryAfterMs ?? this.#backoff(failures);
      const now = Date.now();
      const level = failures === 1 || now - lastWarnAt >= 60_000 ? "warn" : "debug";
      if (level === "warn") lastWarnAt = now;
      log[level]("control plane unreachable; keeping samples in the buffer", {
        detail: result.detail,
        backlog: buffer.pending(),
        retryInMs: Math.round(delay),
      });
      await sleep(delay, signal);
    }
  }
}
