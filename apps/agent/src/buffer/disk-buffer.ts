import { type FileHandle, mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { acquireLock, StateDirBusyError } from "./lock.ts";
import {
  type BufferedSample,
  type DropNotice,
  initialSeq,
  type SampleBuffer,
  serializeSample,
  type UnsequencedSample,
} from "./types.ts";

export interface DiskBufferOptions {
  dir: string;
  maxSamples: number;
  /** Samples per segment file; a replay batch never spans more than two. */
  segmentSamples?: number;
  onDrop?: (notice: DropNotice) => void;
  now?: () => number;
}

interface Segment {
  file: string;
  seqs: number[];
  /** No more appends: recovered at start-up, full, or after a failed write. */
  sealed: boolean;
}

interface PersistedState {
  version: 1;
  /** Every seq below this one was delivered or dropped. */
  floorSeq: number;
  nodeId: string | null;
}

const openDirs = new Set<string>();
const seqPrefix = /^\{"seq":(\d+),/;

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * The agent's backlog on disk: append-only NDJSON segment files named by their first seq, each
 * append fsync'd before the sample counts as taken; `state.json` records the delivered floor.
 */
export class DiskBuffer implements SampleBuffer {
  readonly #dir: string;
  readonly #segDir: string;
  readonly #max: number;
  readonly #segmentSamples: number;
  readonly #onDrop?: (notice: DropNotice) => void;
  readonly #segments: Segment[] = [];
  #floor = 0;
  #next = 0;
  #nodeId: string | null = null;
  #fd: FileHandle | null = null;
  #unlock: () => Promise<void> = async () => {};
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(options: DiskBufferOptions) {
    this.#dir = path.resolve(options.dir);
    this.#segDir = path.join(this.#dir, "segments");
    this.#max = Math.max(1, options.maxSamples);
    this.#segmentSamples = options.segmentSamples ?? 500;
    this.#onDrop = options.onDrop;
  }

  static async open(options: DiskBufferOptions): Promise<DiskBuffer> {
    const buffer = new DiskBuffer(options);
    if (openDirs.has(buffer.#dir)) {
      throw new StateDirBusyError(`state dir ${buffer.#dir} is already open in this process`);
    }
    await mkdir(buffer.#segDir, { recursive: true, mode: 0o700 });
    buffer.#unlock = await acquireLock(path.join(buffer.#dir, "agent.lock"), buffer.#dir);
    openDirs.add(buffer.#dir);
    try {
      await buffer.#recover(options.now ?? Date.now);
    } catch (err) {
      await buffer.close();
      throw err;
    }
    return buffer;
  }

  async #recover(now: () => number): Promise<void> {
    const state = await readFile(path.join(this.#dir, "state.json"), "utf8")
      .then((t) => JSON.parse(t) as Partial<PersistedState>)
      .catch(() => null);
    const names = (await readdir(this.#segDir)).filter((n) => /^\d+\.ndjson$/.test(n)).sort();
    for (const name of names) {
      const file = path.join(this.#segDir, name);
      const seqs: number[] = [];
      for (const line of (await readFile(file, "utf8")).split("\n")) {
        try {
          const seq = (JSON.parse(line) as { seq?: unknown }).seq;
          // A torn last line (crash mid-write) fails to parse and is simply not counted.
          if (typeof seq === "number" && seq > (seqs[seqs.length - 1] ?? -1)) seqs.push(seq);
        } catch {}
      }
      this.#segments.push({ file, seqs, sealed: true });
    }
    const lastOnDisk = this.#segments.flatMap((s) => s.seqs).pop();
    const floor = typeof state?.floorSeq === "number" ? state.floorSeq : null;
    this.#floor =
      floor ?? this.#segments.find((s) => s.seqs.length > 0)?.seqs[0] ?? initialSeq(now());
    this.#next = Math.max(this.#floor, lastOnDisk === undefined ? 0 : lastOnDisk + 1);
    this.#nodeId = typeof state?.nodeId === "string" ? state.nodeId : null;
    await this.#saveState();
    await this.#removeDelivered();
    await this.#enforceBound();
  }

  #run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#chain.then(fn);
    this.#chain = result.catch(() => undefined);
    return result;
  }

  async #saveState(): Promise<void> {
    const state: PersistedState = { version: 1, floorSeq: this.#floor, nodeId: this.#nodeId };
    const file = path.join(this.#dir, "state.json");
    const tmp = `${file}.tmp`;
    const fh = await open(tmp, "w", 0o600);
    try {
      await fh.writeFile(JSON.stringify(state));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    await fsyncPath(this.#dir);
  }

  async #removeDelivered(): Promise<void> {
    while (this.#segments.length > 0) {
      const head = this.#segments[0];
      if (!head || head.seqs.some((s) => s >= this.#floor)) break;
      if (head === this.#segments[this.#segments.length - 1] && this.#fd) {
        await this.#fd.close();
        this.#fd = null;
      }
      await rm(head.file, { force: true });
      this.#segments.shift();
    }
  }

  #pendingSeqs(limit = Number.POSITIVE_INFINITY): number[] {
    const out: number[] = [];
    for (const seg of this.#segments) {
      for (const s of seg.seqs) {
        if (s < this.#floor) continue;
        if (out.length >= limit) return out;
        out.push(s);
      }
    }
    return out;
  }

  async #moveFloor(to: number): Promise<void> {
    this.#floor = Math.min(Math.max(this.#floor, to), this.#next);
    await this.#saveState();
    await this.#removeDelivered();
  }

  async #enforceBound(): Promise<void> {
    const over = this.pending() - this.#max;
    if (over <= 0) return;
    const dropped = this.#pendingSeqs(over);
    const fromSeq = dropped[0] ?? this.#floor;
    const toSeq = dropped[dropped.length - 1] ?? this.#floor;
    await this.#moveFloor(toSeq + 1);
    this.#onDrop?.({ count: dropped.length, fromSeq, toSeq, maxSamples: this.#max });
  }

  append(sample: UnsequencedSample): Promise<BufferedSample> {
    return this.#run(async () => {
      const seq = this.#next;
      const json = serializeSample(seq, sample);
      let seg = this.#segments[this.#segments.length - 1];
      let fd = this.#fd;
      if (!seg || seg.sealed || !fd || seg.seqs.length >= this.#segmentSamples) {
        await fd?.close();
        this.#fd = null;
        if (seg) seg.sealed = true;
        const file = path.join(this.#segDir, `${String(seq).padStart(16, "0")}.ndjson`);
        fd = await open(file, "a", 0o600);
        this.#fd = fd;
        await fsyncPath(this.#segDir);
        seg = { file, seqs: [], sealed: false };
        this.#segments.push(seg);
      }
      try {
        await fd.write(`${json}\n`);
        await fd.datasync();
      } catch (err) {
        // A half-written line must not be extended by the next append: start a new segment.
        seg.sealed = true;
        throw err;
      }
      seg.seqs.push(seq);
      this.#next = seq + 1;
      await this.#enforceBound();
      return { seq, json };
    });
  }

  peek(maxCount: number, maxBytes: number): Promise<BufferedSample[]> {
    return this.#run(async () => {
      const out: BufferedSample[] = [];
      let bytes = 0;
      for (const seg of [...this.#segments]) {
        if (out.length >= maxCount) break;
        const wanted = new Set(seg.seqs.filter((s) => s >= this.#floor));
        if (wanted.size === 0) continue;
        const text = await readFile(seg.file, "utf8").catch(() => "");
        const found = new Set<number>();
        for (const line of text.split("\n")) {
          const seq = Number(seqPrefix.exec(line)?.[1] ?? Number.NaN);
          if (!wanted.has(seq) || !line.endsWith("}")) continue;
          found.add(seq);
          if (out.length >= maxCount || (out.length > 0 && bytes + line.length > maxBytes))
            continue;
          out.push({ seq, json: line });
          bytes += line.length + 1;
        }
        // Lines that vanished from the file (damage, or a deleted file) can never be sent.
        seg.seqs = seg.seqs.filter((s) => s < this.#floor || found.has(s));
        if (out.length > 0 && bytes >= maxBytes) break;
      }
      return out;
    });
  }

  ack(throughSeq: number): Promise<void> {
    return this.#run(async () => {
      if (throughSeq >= this.#floor) await this.#moveFloor(throughSeq + 1);
    });
  }

  discardBefore(seq: number): Promise<DropNotice | null> {
    return this.#run(async () => {
      const gone = this.#pendingSeqs().filter((s) => s < seq);
      const first = gone[0];
      const last = gone[gone.length - 1];
      if (first === undefined || last === undefined) return null;
      await this.#moveFloor(last + 1);
      return { count: gone.length, fromSeq: first, toSeq: last, maxSamples: this.#max };
    });
  }

  pending(): number {
    return this.#pendingSeqs().length;
  }

  nextSeq(): number {
    return this.#next;
  }

  nodeId(): string | null {
    return this.#nodeId;
  }

  setNodeId(nodeId: string): Promise<void> {
    return this.#run(async () => {
      this.#nodeId = nodeId;
      await this.#saveState();
    });
  }

  close(): Promise<void> {
    return this.#run(async () => {
      await this.#fd?.close();
      this.#fd = null;
      await this.#unlock();
      openDirs.delete(this.#dir);
    });
  }
}
