interface Slot<V> {
  value?: V;
  loadedAt: number;
  loading?: Promise<V>;
}

/**
 * Per-key values re-read at most every `ttlMs`: a stale value is served while one refresh runs
 * (so a slow read never stalls requests), a missing one is awaited. `evict` forces a fresh read.
 */
export class TtlCache<V> {
  readonly #load: (key: string) => Promise<V>;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #slots = new Map<string, Slot<V>>();
  #generation = 0;

  constructor(load: (key: string) => Promise<V>, opts: { ttlMs: number; now?: () => number }) {
    this.#load = load;
    this.#ttlMs = opts.ttlMs;
    this.#now = opts.now ?? Date.now;
  }

  async get(key: string): Promise<V> {
    const slot = this.#slots.get(key);
    const now = this.#now();
    if (slot?.value !== undefined) {
      if (now - slot.loadedAt >= this.#ttlMs) void this.#refresh(key, slot).catch(() => undefined);
      return slot.value;
    }
    const fresh: Slot<V> = slot ?? { loadedAt: 0 };
    this.#slots.set(key, fresh);
    return this.#refresh(key, fresh);
  }

  evict(key?: string): void {
    this.#generation++;
    if (key === undefined) this.#slots.clear();
    else this.#slots.delete(key);
  }

  #refresh(key: string, slot: Slot<V>): Promise<V> {
    if (slot.loading) return slot.loading;
    const started = this.#now();
    const generation = this.#generation;
    slot.loading = this.#load(key)
      .then((value) => {
        // A read that raced an eviction may predate the change: use it once, do not keep it.
        if (generation === this.#generation && this.#slots.get(key) === slot) {
          slot.value = value;
          slot.loadedAt = started;
        }
        return value;
      })
      .finally(() => {
        slot.loading = undefined;
      });
    return slot.loading;
  }
}
