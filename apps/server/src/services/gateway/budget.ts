import { monthStart } from "../usage/month.ts";

interface Entry {
  month: string;
  stored: number;
  /** Tokens this process wrote since its last read of the rollup started. */
  writtenSinceRead: number;
  loadedAt: number;
  loading?: Promise<void>;
}

/**
 * Monthly budgets: the rollup (re-read every `ttlMs`) + what this process wrote since + what it
 * buffers. Another replica's usage shows after its flush (≈ 1 s) and our re-read (5 s): a budget
 * can be overrun by what the fleet serves in that window plus requests already in flight.
 */
export class BudgetTracker {
  readonly #read: (keyId: string, fromDay: string) => Promise<number>;
  readonly #unwritten: (keyId: string) => number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();

  constructor(opts: {
    read: (keyId: string, fromDay: string) => Promise<number>;
    unwritten: (keyId: string) => number;
    ttlMs?: number;
    now?: () => number;
  }) {
    this.#read = opts.read;
    this.#unwritten = opts.unwritten;
    this.#ttlMs = opts.ttlMs ?? 5000;
    this.#now = opts.now ?? Date.now;
  }

  /** Tokens the key has used this UTC month, as far as this process can know. */
  async used(keyId: string): Promise<number> {
    const now = this.#now();
    const month = monthStart(now);
    let e = this.#entries.get(keyId);
    if (!e || e.month !== month) {
      e = { month, stored: 0, writtenSinceRead: 0, loadedAt: Number.NEGATIVE_INFINITY };
      this.#entries.set(keyId, e);
    }
    if (now - e.loadedAt >= this.#ttlMs) await this.#load(keyId, e, now);
    return e.stored + e.writtenSinceRead + this.#unwritten(keyId);
  }

  /** The meter wrote these tokens: count them until the next read of the rollup includes them. */
  written(tokensByKey: ReadonlyMap<string, number>): void {
    for (const [keyId, tokens] of tokensByKey) {
      const e = this.#entries.get(keyId);
      if (e) e.writtenSinceRead += tokens;
    }
  }

  #load(keyId: string, e: Entry, now: number): Promise<void> {
    e.loading ??= (async () => {
      const before = e.writtenSinceRead;
      try {
        e.stored = await this.#read(keyId, e.month);
        e.writtenSinceRead -= before;
        e.loadedAt = now;
      } finally {
        e.loading = undefined;
      }
    })();
    return e.loading;
  }
}
