import type { TelemetryAck } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import type { Logger } from "../../logger.ts";
import type { Db } from "../context.ts";
import type { HealthInputs, MetricValues } from "./metrics.ts";
import { insertSamples, markSeen, upsertLatest } from "./store.ts";

export type RawRow = { nodeId: string; seq: number; at: Date } & MetricValues;

/** One request's samples, validated and folded, ready to store. */
export interface PreparedBatch {
  nodeId: string;
  orgId: string;
  receivedAt: number;
  agent: { version: string; hostname: string; simulated: boolean; intervalSeconds: number };
  /** Distinct seqs, ascending. */
  rows: RawRow[];
  /** Repeats of a seq inside this one request. */
  repeatedInBatch: number;
  newest: {
    seq: number;
    at: Date;
    noGpu: boolean;
    gpuCount: number;
    metrics: MetricValues;
    health: HealthInputs;
  };
  /** Minutes (epoch ms) of samples that arrived after their minute was due to be rolled up. */
  lateMinutes: number[];
}

export class IngestUnavailableError extends Error {}

interface Pending {
  batch: PreparedBatch;
  resolve: (ack: TelemetryAck) => void;
  reject: (err: unknown) => void;
}

export interface WriterOptions {
  /** How long the first request of a group waits for others (0: as soon as the writer is free). */
  groupCommitMs: number;
  /** Beyond this many queued samples new requests are refused (503): memory stays bounded. */
  maxQueuedSamples: number;
  log?: Logger;
}

const maxGroupSamples = 5_000;
/** `nodes.last_seen_at` is refreshed at most this often per node and replica. */
const markEveryMs = 60_000;

/**
 * Group commit: requests arriving within a few ms (and all that queue while a write runs) are
 * written in one transaction; each request is answered only after that transaction committed.
 * If a group fails, its requests are retried one by one so one bad request fails alone.
 */
export class TelemetryWriter {
  readonly #db: Db;
  readonly #o: WriterOptions;
  #queue: Pending[] = [];
  #queuedSamples = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #closed = false;
  /** When this process last marked each node seen (and so knows it is no longer pending). */
  readonly #marked = new Map<string, number>();
  readonly stats = { groups: 0, requests: 0, samples: 0, refused: 0 };

  constructor(db: Db, options: WriterOptions) {
    this.#db = db;
    this.#o = options;
  }

  submit(batch: PreparedBatch): Promise<TelemetryAck> {
    if (this.#closed) return Promise.reject(new IngestUnavailableError("The server is stopping"));
    if (this.#queuedSamples + batch.rows.length > this.#o.maxQueuedSamples) {
      this.stats.refused++;
      return Promise.reject(new IngestUnavailableError("Telemetry ingest is saturated"));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ batch, resolve, reject });
      this.#queuedSamples += batch.rows.length;
      this.#schedule();
    });
  }

  /** Refuses new requests, then writes everything already accepted into the queue. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#running || this.#queue.length > 0) {
      if (!this.#running) this.#run();
      await this.#running;
    }
  }

  #schedule(): void {
    if (this.#running || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#run();
    }, this.#o.groupCommitMs);
  }

  #run(): void {
    const group: Pending[] = [];
    let samples = 0;
    while (this.#queue.length > 0 && (group.length === 0 || samples < maxGroupSamples)) {
      const next = this.#queue.shift();
      if (!next) break;
      group.push(next);
      samples += next.batch.rows.length;
    }
    this.#queuedSamples -= samples;
    this.#running = this.#commit(group).finally(() => {
      this.#running = undefined;
      // Whatever queued meanwhile has already waited a whole write: no extra window.
      if (this.#queue.length > 0) this.#run();
    });
  }

  async #commit(group: Pending[]): Promise<void> {
    if (group.length === 0) return;
    try {
      const acks = await this.#write(group.map((p) => p.batch));
      group.forEach((p, i) => {
        const ack = acks[i];
        if (ack) p.resolve(ack);
        else p.reject(new Error("no acknowledgement computed"));
      });
      this.stats.groups++;
      this.stats.requests += group.length;
      this.stats.samples += group.reduce((n, p) => n + p.batch.rows.length, 0);
    } catch (err) {
      if (group.length === 1) {
        group[0]?.reject(err);
        return;
      }
      this.#o.log?.warn({ err, requests: group.length }, "telemetry group failed; writing alone");
      for (const p of group) {
        try {
          const [ack] = await this.#write([p.batch]);
          if (ack) p.resolve(ack);
        } catch (e) {
          p.reject(e);
        }
      }
    }
  }

  async #write(batches: PreparedBatch[]): Promise<TelemetryAck[]> {
    const now = Math.max(...batches.map((b) => b.receivedAt));
    const toMark = [...new Set(batches.map((b) => b.nodeId))].filter(
      (id) => now - (this.#marked.get(id) ?? Number.NEGATIVE_INFINITY) >= markEveryMs,
    );
    let stored = new Set<string>();
    let lastSeqs = new Map<string, number>();
    await this.#db.transaction(async (tx) => {
      stored = await insertSamples(tx, batches);
      lastSeqs = await upsertLatest(tx, batches);
      await markSeen(tx, toMark, new Date(now));
      const late = batches.flatMap((b) =>
        b.lateMinutes.map((m) => ({ nodeId: b.nodeId, minute: new Date(m) })),
      );
      if (late.length > 0) {
        await tx.insert(schema.telemetryLate).values(late).onConflictDoNothing();
      }
    });
    if (this.#marked.size > 200_000) this.#marked.clear();
    for (const id of toMark) this.#marked.set(id, now);
    // A seq stored once is credited to the first request that carried it.
    return batches.map((b) => {
      let accepted = 0;
      for (const r of b.rows) {
        if (stored.delete(`${r.nodeId}:${r.seq}`)) accepted++;
      }
      const duplicates = b.rows.length - accepted + b.repeatedInBatch;
      return { accepted, duplicates, lastSeq: lastSeqs.get(b.nodeId) ?? null };
    });
  }
}
