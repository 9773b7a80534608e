import type { HostSample, InferenceSample } from "@edgeplane/contracts";
import type { UnsequencedSample } from "../buffer/types.ts";
import { type GpuState, gpuReading, newGpuState, stepGpu } from "./gpu-physics.ts";
import type { AcceleratorProfile } from "./profiles.ts";
import { Rng } from "./rng.ts";

export interface SimNodeOptions {
  index: number;
  profile: AcceleratorProfile;
  gpus: number;
  seed: number;
  model: string;
  /** Per sample interval: the chance that the node goes silent (host down or network cut). */
  silentProbability: number;
  /** Per sample interval: the chance that the node's cooling fails for a while. */
  overheatProbability: number;
  /** Per GPU per sample interval: the chance of an XID error. */
  xidProbability: number;
  startMs: number;
}

export type SimEvent =
  | { type: "silent"; mode: "offline" | "partitioned"; ticks: number }
  | { type: "back"; mode: "offline" | "partitioned" }
  | { type: "overheat"; ticks: number }
  | { type: "cooled" }
  | { type: "xid"; gpu: number; xid: number };

export interface SimTick {
  /** Null while the host is down: it produces nothing. */
  sample: UnsequencedSample | null;
  /** False while the host is down or its network is cut (a real agent would buffer). */
  canSend: boolean;
  events: SimEvent[];
}

/** Real XIDs an inference fleet sees, weighted roughly by how often operators report them. */
const xids = [
  [13, 30], // graphics engine exception (usually the application)
  [31, 20], // GPU memory page fault
  [43, 10], // GPU stopped processing
  [45, 10], // preemptive cleanup after an earlier error
  [63, 7], // ECC page retirement / row remapping
  [74, 8], // NVLink error
  [79, 5], // GPU has fallen off the bus
  [94, 5], // contained ECC error
  [119, 5], // GSP RPC timeout
] as const;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** One simulated GPU host: load, thermals, faults, its inference server and its host metrics. */
export class SimNode {
  readonly index: number;
  readonly hostname: string;
  readonly #o: SimNodeOptions;
  readonly #rng: Rng;
  readonly #tzOffsetH: number;
  readonly #cpus: number;
  #gpus: GpuState[];
  #ambientC: number;
  #lastMs: number;
  #ou = 0;
  #burst = 0;
  #appErrors = 0;
  #baseErrorPct: number;
  #silent: { mode: "offline" | "partitioned"; ticksLeft: number } | null = null;
  #overheatTicksLeft = 0;
  #promptTokens = 0;
  #generationTokens = 0;
  #diskUsedFraction: number;

  constructor(options: SimNodeOptions) {
    this.#o = options;
    this.index = options.index;
    this.#rng = new Rng(options.seed);
    this.hostname = `sim-gpu-${String(options.index + 1).padStart(4, "0")}`;
    this.#tzOffsetH = this.#rng.int(-8, 9);
    this.#ambientC = this.#rng.between(20, 29);
    this.#cpus = options.gpus >= 4 ? 112 : 32;
    this.#baseErrorPct = this.#rng.between(0.02, 0.3);
    this.#diskUsedFraction = this.#rng.between(0.3, 0.6);
    this.#gpus = Array.from({ length: options.gpus }, (_, i) =>
      newGpuState(options.profile, i, this.#rng, this.#ambientC),
    );
    this.#lastMs = options.startMs;
  }

  get silent(): boolean {
    return this.#silent !== null;
  }

  get overheating(): boolean {
    return this.#overheatTicksLeft > 0;
  }

  /** Offered load: a daily curve in the node's local time, slow noise and short bursts. */
  #load(nowMs: number, dtS: number): number {
    const hour = (nowMs / 3_600_000 + this.#tzOffsetH) % 24;
    const daily = 0.45 + 0.3 * Math.sin((2 * Math.PI * (hour - 10)) / 24);
    this.#ou += (-this.#ou / 300) * dtS + 0.12 * Math.sqrt((2 * dtS) / 300) * this.#rng.normal();
    this.#burst *= Math.exp(-dtS / 120);
    if (this.#rng.chance(0.01)) this.#burst += this.#rng.between(0.1, 0.3);
    return clamp(daily + this.#ou + this.#burst, 0.02, 0.99);
  }

  #restart(): void {
    this.#gpus = this.#gpus.map((g) => ({
      ...g,
      lost: false,
      lastXid: 0,
      eccCorrected: 0,
      eccUncorrected: 0,
      util: 0,
    }));
    this.#promptTokens = 0;
    this.#generationTokens = 0;
    this.#appErrors = 0;
  }

  #episodes(events: SimEvent[]): void {
    const rng = this.#rng;
    if (this.#silent) {
      this.#silent.ticksLeft--;
      if (this.#silent.ticksLeft <= 0) {
        events.push({ type: "back", mode: this.#silent.mode });
        if (this.#silent.mode === "offline") this.#restart();
        this.#silent = null;
      }
    } else if (rng.chance(this.#o.silentProbability)) {
      this.#silent = {
        mode: rng.chance(0.5) ? "offline" : "partitioned",
        ticksLeft: rng.int(6, 90),
      };
      events.push({ type: "silent", mode: this.#silent.mode, ticks: this.#silent.ticksLeft });
    }
    if (this.#overheatTicksLeft > 0) {
      this.#overheatTicksLeft--;
      if (this.#overheatTicksLeft === 0) events.push({ type: "cooled" });
    } else if (rng.chance(this.#o.overheatProbability)) {
      this.#overheatTicksLeft = rng.int(30, 180);
      events.push({ type: "overheat", ticks: this.#overheatTicksLeft });
    }
    for (const g of this.#gpus) {
      if (g.lost || !rng.chance(this.#o.xidProbability)) continue;
      const xid = rng.weighted(xids);
      g.lastXid = xid;
      if (xid === 79) g.lost = true;
      else this.#appErrors += rng.between(2, 10);
      events.push({ type: "xid", gpu: g.index, xid });
    }
  }

  #inference(load: number, dtS: number): InferenceSample {
    const p = this.#o.profile;
    // Tensor parallelism spans every GPU: one lost GPU takes the inference server down.
    if (this.#gpus.some((g) => g.lost)) {
      return {
        upstreamHealthy: false,
        requestsRunning: null,
        requestsWaiting: null,
        kvCacheUsagePct: null,
        promptTokensTotal: null,
        generationTokensTotal: null,
        tokensPerSecond: null,
        errorRatePct: null,
        models: [],
      };
    }
    const rng = this.#rng;
    const clock =
      this.#gpus.reduce((a, g) => a + (g.util >= 2 ? g.smClockMHz / p.maxSmClockMHz : 1), 0) /
      this.#gpus.length;
    this.#appErrors *= Math.exp(-dtS / 90);
    const errorRatePct = clamp(this.#baseErrorPct + this.#appErrors + rng.normal() * 0.02, 0, 100);
    const capacity = p.tokensPerSecondPerGpu * this.#gpus.length;
    const offered = capacity * load * clock * (1 - errorRatePct / 100) * (1 + rng.normal() * 0.03);
    const tps = clamp(offered, 0, capacity);
    this.#generationTokens += tps * dtS;
    this.#promptTokens += tps * dtS * 1.9;
    return {
      upstreamHealthy: true,
      requestsRunning: Math.max(0, Math.round(load * 12 * this.#gpus.length + rng.normal() * 2)),
      requestsWaiting: load > 0.85 ? Math.round((load - 0.85) * 400) : 0,
      kvCacheUsagePct: Math.round(clamp(load * 88 + rng.normal() * 3, 0, 100) * 10) / 10,
      promptTokensTotal: Math.round(this.#promptTokens),
      generationTokensTotal: Math.round(this.#generationTokens),
      tokensPerSecond: Math.round(tps * 10) / 10,
      errorRatePct: Math.round(errorRatePct * 100) / 100,
      models: [this.#o.model],
    };
  }

  #host(load: number): HostSample {
    const rng = this.#rng;
    const cpuPct = clamp(6 + 30 * load + rng.normal() * 2, 0, 100);
    const memoryTotalBytes = Math.max(4, this.#gpus.length) * 256 * 2 ** 30;
    const diskTotalBytes = this.#gpus.length >= 4 ? 15.36e12 : 3.84e12;
    this.#diskUsedFraction = Math.min(0.95, this.#diskUsedFraction + 1e-7);
    return {
      cpuPct: Math.round(cpuPct * 10) / 10,
      loadAvg1: Math.round(((this.#cpus * cpuPct) / 100) * 100) / 100,
      memoryUsedBytes: Math.round(memoryTotalBytes * (0.12 + 0.1 * load)),
      memoryTotalBytes,
      diskUsedBytes: Math.round(diskTotalBytes * this.#diskUsedFraction),
      diskTotalBytes,
    };
  }

  /** Advances to `nowMs` (one sample interval later) and reports what the host would send. */
  tick(nowMs: number): SimTick {
    const events: SimEvent[] = [];
    const dtS = Math.max(0, (nowMs - this.#lastMs) / 1000);
    this.#lastMs = nowMs;
    this.#episodes(events);
    const load = this.#load(nowMs, dtS);
    const down = this.#silent?.mode === "offline";
    const env = {
      load: down ? 0 : load,
      ambientC: this.#ambientC + (this.overheating ? 8 : 0),
      coolingPenalty: this.overheating ? 1.7 : 1,
    };
    // Long gaps are integrated in 10-second steps so the first-order model stays stable.
    for (let left = dtS; left > 0; left -= 10) {
      for (const g of this.#gpus) stepGpu(g, this.#o.profile, env, Math.min(10, left), this.#rng);
    }
    if (down) return { sample: null, canSend: false, events };
    const sample: UnsequencedSample = {
      at: new Date(nowMs).toISOString(),
      gpus: this.#gpus.map((g) => gpuReading(g, this.#o.profile, this.#rng)),
      noGpu: false,
      host: this.#host(load),
      inference: this.#inference(load, dtS),
    };
    return { sample, canSend: this.#silent === null, events };
  }
}
