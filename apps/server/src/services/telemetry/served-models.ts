import { schema } from "@edgeplane/db";
import type { Logger } from "../../logger.ts";
import type { Db } from "../context.ts";
import { recordNodeModels, reportMarker } from "../models/record-node-models.ts";

/** What the newest sample of a batch that scraped the upstream says it serves. */
export interface ModelsReport {
  names: readonly string[];
  /** The sample's time (epoch ms): record-node-models lets a later report win. */
  at: number;
}

/** A list as record-node-models stores it (trimmed, no blanks, no repeats), order-free. */
function listKey(names: readonly string[]): string {
  const clean = new Set<string>();
  for (const n of names) {
    const t = n.trim();
    if (t.length > 0) clean.add(t);
  }
  return [...clean].sort().join("\n");
}

interface Seen {
  key: string;
  /** The newest report compared so far (sample time). */
  at: number;
  /** When this replica last wrote (or read) the list. */
  writtenAt: number;
}

export interface ServedModelsOptions {
  /**
   * Another replica may have written a different list since: an unchanged list is written again
   * after this long (Infinity on the embedded database, where this process is the only writer).
   */
  refreshMs: number;
  log?: Logger;
  now?: () => number;
}

const maxNodes = 200_000;

/**
 * Keeps node_models (the gateway's view of what each node serves) in step with telemetry while
 * writing only on change: the last list per node is held here (seeded once from the table), and
 * a changed list is recorded after the telemetry commit, node by node, off the request path.
 */
export class ServedModels {
  readonly #db: Db;
  readonly #o: ServedModelsOptions;
  readonly #now: () => number;
  readonly #seen = new Map<string, Seen>();
  readonly #pending = new Map<string, ModelsReport>();
  #seeded: Promise<void> | undefined;
  #draining: Promise<void> | undefined;

  constructor(db: Db, options: ServedModelsOptions) {
    this.#db = db;
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /** A committed report; costs a map lookup when the node's list is unchanged. */
  offer(nodeId: string, report: ModelsReport): void {
    const seen = this.#seen.get(nodeId);
    if (seen && this.#settles(seen, report)) return;
    const queued = this.#pending.get(nodeId);
    if (queued && queued.at >= report.at) return;
    this.#pending.set(nodeId, report);
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
  }

  /** Resolves once every report offered so far is recorded (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** True when the report changes nothing: older than one compared, or the same list. */
  #settles(seen: Seen, report: ModelsReport): boolean {
    if (report.at <= seen.at) return true;
    if (this.#now() - seen.writtenAt >= this.#o.refreshMs) return false;
    if (listKey(report.names) !== seen.key) return false;
    seen.at = report.at;
    return true;
  }

  async #drain(): Promise<void> {
    this.#seeded ??= this.#seed();
    await this.#seeded;
    for (let next = this.#first(); next; next = this.#first()) {
      const [nodeId, report] = next;
      this.#pending.delete(nodeId);
      const seen = this.#seen.get(nodeId);
      if (seen && this.#settles(seen, report)) continue;
      try {
        await recordNodeModels(this.#db, nodeId, report.names, new Date(report.at));
        if (this.#seen.size >= maxNodes) this.#seen.clear();
        this.#seen.set(nodeId, {
          key: listKey(report.names),
          at: report.at,
          writtenAt: this.#now(),
        });
      } catch (err) {
        // Telemetry is already stored; the node's next report retries (it still differs).
        this.#o.log?.warn({ err, nodeId }, "could not record the models a node serves");
      }
      // Each write runs synchronously on the embedded database: let requests in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  #first(): [string, ModelsReport] | undefined {
    const first = this.#pending.entries().next();
    return first.done ? undefined : first.value;
  }

  /** After a restart, unchanged lists are not written again: the table says what they were. */
  async #seed(): Promise<void> {
    const nm = schema.nodeModels;
    try {
      const rows = await this.#db
        .select({ nodeId: nm.nodeId, name: nm.upstreamName, at: nm.lastSeenAt })
        .from(nm);
      const lists = new Map<string, { names: string[]; at: number }>();
      for (const r of rows) {
        const list = lists.get(r.nodeId) ?? { names: [], at: 0 };
        if (r.name === reportMarker) list.at = r.at.getTime();
        else list.names.push(r.name);
        lists.set(r.nodeId, list);
      }
      if (lists.size > maxNodes) return;
      const now = this.#now();
      for (const [nodeId, list] of lists) {
        if (!this.#seen.has(nodeId))
          this.#seen.set(nodeId, { key: listKey(list.names), at: list.at, writtenAt: now });
      }
    } catch (err) {
      this.#o.log?.warn({ err }, "could not read node_models; every node's list is written once");
    }
  }
}
