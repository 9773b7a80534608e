import type { Logger } from "../../logger.ts";
import type { UsageEvent } from "./write.ts";

export interface MeterOptions {
  /** Write whatever is buffered this often. */
  intervalMs?: number;
  /** Events per transaction. */
  batchSize?: number;
  /** Above this many unwritten events the oldest are dropped (logged): memory stays bounded. */
  maxBuffered?: number;
  log?: Logger;
  /** Told how many tokens of each key were written (the budget tracker's bookkeeping). */
  onWritten?: (tokensByKey: ReadonlyMap<string, number>) => void;
}

/**
 * Usage events are buffered in memory and written in batches off the request path. A failed
 * write keeps its batch at the head of the buffer for the next try; the write itself is
 * idempotent by request id, so a batch that committed but reported failure counts once.
 */
export class UsageMeter {
  readonly #write: (events: readonly UsageEvent[]) => Promise<number>;
  readonly #intervalMs: number;
  readonly #batchSize: number;
  readonly #maxBuffered: number;
  readonly #log?: Logger;
  readonly #onWritten?: MeterOptions["onWritten"];
  #buffer: UsageEvent[] = [];
  readonly #unwritten = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #flushing: Promise<void> | undefined;
  #closed = false;

  constructor(write: (events: readonly UsageEvent[]) => Promise<number>, opts: MeterOptions = {}) {
    this.#write = write;
    this.#intervalMs = opts.intervalMs ?? 1000;
    this.#batchSize = opts.batchSize ?? 500;
    this.#maxBuffered = opts.maxBuffered ?? 200_000;
    this.#log = opts.log;
    this.#onWritten = opts.onWritten;
  }

  /** Starts the interval flush (unref'd: it never keeps the process alive by itself). */
  start(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => {
      void this.flush();
    }, this.#intervalMs);
    this.#timer.unref();
  }

  record(event: UsageEvent): void {
    this.#buffer.push(event);
    const tokens = event.inputTokens + event.outputTokens;
    this.#unwritten.set(event.keyId, (this.#unwritten.get(event.keyId) ?? 0) + tokens);
    if (this.#buffer.length > this.#maxBuffered) {
      const dropped = this.#buffer.splice(0, this.#buffer.length - this.#maxBuffered);
      this.#forget(dropped);
      this.#log?.error({ dropped: dropped.length }, "usage buffer full: oldest events dropped");
    }
    if (this.#buffer.length >= this.#batchSize) void this.flush();
  }

  /** Tokens of a key recorded here and not yet written (the budget counts them too). */
  unwrittenTokens(keyId: string): number {
    return this.#unwritten.get(keyId) ?? 0;
  }

  get buffered(): number {
    return this.#buffer.length;
  }

  /** Writes everything buffered so far; concurrent calls share one run. */
  flush(): Promise<void> {
    this.#flushing ??= this.#drain().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  /** Stops the interval and writes what is left (server shutdown). */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
    if (this.#buffer.length > 0) {
      this.#log?.error({ events: this.#buffer.length }, "usage events not written at shutdown");
    }
  }

  async #drain(): Promise<void> {
    while (this.#buffer.length > 0) {
      const batch = this.#buffer.splice(0, this.#batchSize);
      try {
        await this.#write(batch);
      } catch (err) {
        this.#buffer = [...batch, ...this.#buffer];
        this.#log?.warn({ err, events: batch.length }, "usage flush failed; kept for the next try");
        return;
      }
      const written = this.#forget(batch);
      this.#onWritten?.(written);
    }
  }

  #forget(events: readonly UsageEvent[]): Map<string, number> {
    const byKey = new Map<string, number>();
    for (const e of events) {
      const tokens = e.inputTokens + e.outputTokens;
      byKey.set(e.keyId, (byKey.get(e.keyId) ?? 0) + tokens);
      const left = (this.#unwritten.get(e.keyId) ?? 0) - tokens;
      if (left > 0) this.#unwritten.set(e.keyId, left);
      else this.#unwritten.delete(e.keyId);
    }
    return byKey;
  }
}
