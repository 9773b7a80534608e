import {
  type BufferedSample,
  type DropNotice,
  initialSeq,
  type SampleBuffer,
  serializeSample,
  type UnsequencedSample,
} from "./types.ts";

export interface MemoryBufferOptions {
  maxSamples: number;
  firstSeq?: number;
  onDrop?: (notice: DropNotice) => void;
}

/** The simulator's buffer: the same contract as the disk buffer, without the disk. */
export class MemoryBuffer implements SampleBuffer {
  readonly #items: BufferedSample[] = [];
  readonly #max: number;
  readonly #onDrop?: (notice: DropNotice) => void;
  #next: number;

  constructor(options: MemoryBufferOptions) {
    this.#max = Math.max(1, options.maxSamples);
    this.#next = options.firstSeq ?? initialSeq();
    this.#onDrop = options.onDrop;
  }

  async append(sample: UnsequencedSample): Promise<BufferedSample> {
    const item = { seq: this.#next, json: serializeSample(this.#next, sample) };
    this.#next++;
    this.#items.push(item);
    const over = this.#items.length - this.#max;
    if (over > 0) {
      const dropped = this.#items.splice(0, over);
      this.#onDrop?.({
        count: over,
        fromSeq: dropped[0]?.seq ?? item.seq,
        toSeq: dropped[dropped.length - 1]?.seq ?? item.seq,
        maxSamples: this.#max,
      });
    }
    return item;
  }

  async peek(maxCount: number, maxBytes: number): Promise<BufferedSample[]> {
    const out: BufferedSample[] = [];
    let bytes = 0;
    for (const item of this.#items) {
      if (out.length >= maxCount || (out.length > 0 && bytes + item.json.length > maxBytes)) break;
      out.push(item);
      bytes += item.json.length + 1;
    }
    return out;
  }

  async ack(throughSeq: number): Promise<void> {
    let n = 0;
    while (
      n < this.#items.length &&
      (this.#items[n]?.seq ?? Number.POSITIVE_INFINITY) <= throughSeq
    )
      n++;
    this.#items.splice(0, n);
  }

  async discardBefore(seq: number): Promise<DropNotice | null> {
    let n = 0;
    while (n < this.#items.length && (this.#items[n]?.seq ?? Number.POSITIVE_INFINITY) < seq) n++;
    const gone = this.#items.splice(0, n);
    const first = gone[0];
    const last = gone[gone.length - 1];
    return first && last
      ? { count: gone.length, fromSeq: first.seq, toSeq: last.seq, maxSamples: this.#max }
      : null;
  }

  pending(): number {
    return this.#items.length;
  }

  nextSeq(): number {
    return this.#next;
  }

  async close(): Promise<void> {}
}
