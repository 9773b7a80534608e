import type { SlaTier } from "@edgeplane/contracts";
import { slaTargets } from "@edgeplane/contracts";

interface Waiter {
  rank: number;
  seq: number;
  grant: () => void;
}

/** Thrown when a saturated node did not free a slot in time. */
export class GateTimeoutError extends Error {}

/**
 * Per-node admission: at most `maxInFlight` requests of this process on a node at once. When a
 * node is saturated, waiters are admitted by SLA rank (dedicated, priority, standard), FIFO
 * within a rank. Per process: with N replicas a node sees up to N × maxInFlight.
 */
export class NodeGate {
  readonly #maxInFlight: number;
  readonly #inFlight = new Map<string, number>();
  readonly #waiters = new Map<string, Waiter[]>();
  #seq = 0;

  constructor(maxInFlight: number) {
    this.#maxInFlight = Math.max(1, maxInFlight);
  }

  inFlight(nodeId: string): number {
    return this.#inFlight.get(nodeId) ?? 0;
  }

  /** Requests queued for a saturated node. */
  waiting(nodeId: string): number {
    return this.#waiters.get(nodeId)?.length ?? 0;
  }

  saturated(nodeId: string): boolean {
    return this.inFlight(nodeId) >= this.#maxInFlight;
  }

  /** Resolves with a release function once the request may go to the node. */
  acquire(
    nodeId: string,
    tier: SlaTier,
    opts: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<() => void> {
    if (!this.saturated(nodeId) && (this.#waiters.get(nodeId)?.length ?? 0) === 0) {
      return Promise.resolve(this.#take(nodeId));
    }
    return new Promise((resolve, reject) => {
      const queue = this.#waiters.get(nodeId) ?? [];
      this.#waiters.set(nodeId, queue);
      const leave = () => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", onAbort);
      };
      const waiter: Waiter = {
        rank: slaTargets[tier].routingRank,
        seq: this.#seq++,
        grant: () => {
          leave();
          resolve(this.#take(nodeId));
        },
      };
      const onAbort = () => {
        leave();
        reject(opts.signal?.reason ?? new Error("aborted"));
      };
      const timer = setTimeout(() => {
        leave();
        reject(new GateTimeoutError(`node ${nodeId} stayed saturated`));
      }, opts.timeoutMs);
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      // Higher rank first, then arrival order.
      const at = queue.findIndex((w) => w.rank < waiter.rank);
      if (at < 0) queue.push(waiter);
      else queue.splice(at, 0, waiter);
    });
  }

  #take(nodeId: string): () => void {
    this.#inFlight.set(nodeId, this.inFlight(nodeId) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.inFlight(nodeId) - 1;
      if (left > 0) this.#inFlight.set(nodeId, left);
      else this.#inFlight.delete(nodeId);
      const next = this.#waiters.get(nodeId)?.[0];
      if (next) next.grant();
      else this.#waiters.delete(nodeId);
    };
  }
}
