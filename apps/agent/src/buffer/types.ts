import type { TelemetrySample } from "@edgeplane/contracts";

/** A sample before the buffer gives it its seq. */
export type UnsequencedSample = Omit<TelemetrySample, "seq">;

/** A buffered sample: its seq and its JSON, kept serialized so batches are built by joining. */
export interface BufferedSample {
  seq: number;
  json: string;
}

export interface DropNotice {
  count: number;
  fromSeq: number;
  toSeq: number;
  maxSamples: number;
}

/**
 * Unsent samples in seq order. `append` numbers a sample with the next seq; `ack` marks every
 * seq up to and including `throughSeq` delivered; over the bound, the oldest are dropped.
 */
export interface SampleBuffer {
  append(sample: UnsequencedSample): Promise<BufferedSample>;
  /** The oldest unsent samples, at most `maxCount` and about `maxBytes` of JSON (at least one). */
  peek(maxCount: number, maxBytes: number): Promise<BufferedSample[]>;
  ack(throughSeq: number): Promise<void>;
  /** Drops the unsent samples below `seq` (e.g. they belong to another node); returns what went. */
  discardBefore(seq: number): Promise<DropNotice | null>;
  pending(): number;
  /** The seq the next sample will get. */
  nextSeq(): number;
  /** The node the backlog belongs to, where the buffer remembers it (the disk buffer does). */
  nodeId?(): string | null;
  setNodeId?(nodeId: string): Promise<void>;
  close(): Promise<void>;
}

export function serializeSample(seq: number, sample: UnsequencedSample): string {
  return JSON.stringify({ seq, ...sample });
}

/** The first seq of a fresh state: Unix seconds, so a re-installed agent never reuses old seqs. */
export function initialSeq(now: number = Date.now()): number {
  return Math.floor(now / 1000);
}
