import type { MetricsRegistry } from "./metrics.ts";
import type { ResolvedModel, ResolvedOptions } from "./options.ts";

export interface ReferenceUpstreamStats {
  /** Requests to /v1/* (models, chat, embeddings), answered or not. */
  requests: number;
  chatCompletions: number;
  streams: number;
  embeddings: number;
  /** Requests that ran to their end. */
  completed: number;
  /** Requests whose client went away before the end; generation stopped. */
  cancelled: number;
  /** Injected failures: 500s and cut connections. */
  failed: number;
  /** 4xx answers (unknown model, bad request, missing API key). */
  rejected: number;
  promptTokens: number;
  completionTokens: number;
  running: number;
  waiting: number;
}

interface Waiter {
  grant: (ok: boolean) => void;
}

export class UpstreamContext {
  readonly options: ResolvedOptions;
  readonly metrics: MetricsRegistry;
  readonly createdAt = Math.floor(Date.now() / 1000);
  readonly stats: ReferenceUpstreamStats = {
    requests: 0,
    chatCompletions: 0,
    streams: 0,
    embeddings: 0,
    completed: 0,
    cancelled: 0,
    failed: 0,
    rejected: 0,
    promptTokens: 0,
    completionTokens: 0,
    running: 0,
    waiting: 0,
  };
  readonly #queues = new Map<string, Waiter[]>();
  #seed: number;

  constructor(options: ResolvedOptions, metrics: MetricsRegistry) {
    this.options = options;
    this.metrics = metrics;
    this.#seed = options.seed >>> 0;
  }

  /** Seeded draws for failure injection (mulberry32). */
  random(): number {
    this.#seed = (this.#seed + 0x6d2b79f5) >>> 0;
    let t = this.#seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  findModel(id: unknown): ResolvedModel | undefined {
    return this.options.models.find((m) => m.id === id);
  }

  /** Waits for a generation slot (max_num_seqs); false when the client left while waiting. */
  acquire(model: string, signal: AbortSignal): Promise<boolean> {
    const m = this.metrics.model(model);
    if (m.running < this.options.maxNumSeqs) {
      m.running++;
      this.stats.running++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const queue = this.#queues.get(model) ?? [];
      this.#queues.set(model, queue);
      const waiter: Waiter = {
        grant: (ok) => {
          signal.removeEventListener("abort", onAbort);
          m.waiting--;
          this.stats.waiting--;
          if (ok) {
            m.running++;
            this.stats.running++;
          }
          resolve(ok);
        },
      };
      const onAbort = () => {
        queue.splice(queue.indexOf(waiter), 1);
        waiter.grant(false);
      };
      queue.push(waiter);
      m.waiting++;
      this.stats.waiting++;
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(model: string): void {
    const m = this.metrics.model(model);
    m.running--;
    this.stats.running--;
    this.#queues.get(model)?.shift()?.grant(true);
  }
}
