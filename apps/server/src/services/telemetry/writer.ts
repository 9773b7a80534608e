import type { TelemetryAck } from "@edgeplane/contracts";
import { PgliteDatabase } from "drizzle-orm/pglite";
import type { Logger } from "../../logger.ts";
import type { Db } from "../context.ts";
import type { HealthInputs, MetricValues } from "./metrics.ts";
import { type ModelsReport, ServedModels } from "./served-models.ts";
import { type VacuumedTable, vacuum, vacuumedTables, writeGroup } from "./store.ts";

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
  /** The models of the newest sample that scraped the upstream; null when none did. */
  models: ModelsReport | null;
}

export class IngestUnavailableError extends Error {}

interface Pending {
  batch: PreparedBatch;
  queuedAt: number;
  resolve: (ack: TelemetryAck) => void;
  reject: (err: unknown) => void;
}

export interface WriterOptions {
  /** How long a request waits for others to share its group (0: as soon as the writer is free). */
  groupCommitMs: number;
  /** Beyond this many queued samples new requests are refused (503): memory stays bounded. */
  maxQueuedSamples: number;
  /** PGlite only: VACUUM a table after this many of its rows were rewritten (default 10,000). */
  vacuumEvery?: number;
  log?: Logger;
}

const maxGroupSamples = 5_000;
/** `nodes.last_seen_at` is refreshed at most this often per node and replica. */
const markEveryMs = 60_000;
/** With replicas, an unchanged model list is written again this often (see ServedModels). */
const modelsRefreshMs = 10 * 60_000;

/**
 * Group commit: requests arriving within `groupCommitMs` of the oldest queued one are written in
 * one statement, each answered only after it committed; a write costs ~1 ms on PGlite before its
 * rows, so a group waits out its window even when the writer frees up sooner. If a group fails,
 * its requests are retried one by one so one bad request fails alone.
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
  readonly #models: ServedModels;
  /** Rows rewritten since the last VACUUM, per table; null where autovacuum does it (Postgres). */
  readonly #rewritten: Record<VacuumedTable, number> | null;
  readonly stats = { groups: 0, requests: 0, samples: 0, refused: 0 };

  constructor(db: Db, options: WriterOptions) {
    this.#db = db;
    this.#o = options;
    const embedded = db instanceof PgliteDatabase;
    this.#rewritten = embedded ? { node_telemetry: 0, nodes: 0 } : null;
    this.#models = new ServedModels(db, {
      refreshMs: embedded ? Number.POSITIVE_INFINITY : modelsRefreshMs,
      log: options.log,
    });
  }

  submit(batch: PreparedBatch): Promise<TelemetryAck> {
    if (this.#closed) return Promise.reject(new IngestUnavailableError("The server is stopping"));
    if (this.#queuedSamples + batch.rows.length > this.#o.maxQueuedSamples) {
      this.stats.refused++;
      return Promise.reject(new IngestUnavailableError("Telemetry ingest is saturated"));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ batch, queuedAt: performance.now(), resolve, reject });
      this.#queuedSamples += batch.rows.length;
      this.#schedule();
    });
  }

  /** Refuses new requests, then writes everything already accepted into the queue. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#running || this.#queue.length > 0) {
      if (!this.#running) this.#run();
      await this.#running;
    }
    await this.#models.idle();
  }

  /** Resolves when the node_models writes of the batches answered so far are done (tests). */
  idle(): Promise<void> {
    return this.#models.idle();
  }

  #schedule(): void {
    if (this.#running || this.#timer) return;
    const oldest = this.#queue[0];
    if (!oldest) return;
    const full = this.#queuedSamples >= maxGroupSamples;
    const wait = full ? 0 : this.#o.groupCommitMs - (performance.now() - oldest.queuedAt);
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#run();
      },
      Math.max(0, wait),
    );
  }

  #run(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    let take = 0;
    let samples = 0;
    for (const p of this.#queue) {
      if (take > 0 && samples >= maxGroupSamples) break;
      take++;
      samples += p.batch.rows.length;
    }
    const group = this.#queue.splice(0, take);
    this.#queuedSamples -= samples;
    this.#running = this.#commit(group).finally(() => {
      this.#running = undefined;
      // What queued meanwhile waits out the rest of its window (none once it waited that long).
      if (this.#closed) return;
      this.#schedule();
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
      await this.#vacuumIfDue();
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

  /**
   * PGlite runs no autovacuum, and every post rewrites its node's node_telemetry row (and each
   * minute its nodes row): without this they grow by ~1 KB per post. ~20 ms per 10,000 rows.
   */
  async #vacuumIfDue(): Promise<void> {
    const counts = this.#rewritten;
    if (!counts) return;
    const every = this.#o.vacuumEvery ?? 10_000;
    for (const table of vacuumedTables) {
      if (counts[table] < every) continue;
      counts[table] = 0;
      await vacuum(this.#db, table).catch((err: unknown) =>
        this.#o.log?.warn({ err, table }, "vacuum failed"),
      );
    }
  }

  async #write(batches: PreparedBatch[]): Promise<TelemetryAck[]> {
    const now = Math.max(...batches.map((b) => b.receivedAt));
    const toMark = [...new Set(batches.map((b) => b.nodeId))].filter(
      (id) => now - (this.#marked.get(id) ?? Number.NEGATIVE_INFINITY) >= markEveryMs,
    );
    const { stored, lastSeqs } = await writeGroup(this.#db, batches, toMark, new Date(now));
    if (this.#rewritten) {
      this.#rewritten.node_telemetry += lastSeqs.size;
      this.#rewritten.nodes += toMark.length;
    }
    if (this.#marked.size > 200_000) this.#marked.clear();
    for (const id of toMark) this.#marked.set(id, now);
    for (const b of batches) if (b.models) this.#models.offer(b.nodeId, b.models);
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
