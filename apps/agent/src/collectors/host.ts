import { readFile, statfs } from "node:fs/promises";
import os from "node:os";
import type { HostSample } from "@edgeplane/contracts";
import { nonNeg, pct, round } from "./values.ts";

export interface CpuTimes {
  idle: number;
  total: number;
}

export function readCpuTimes(): CpuTimes {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

export function cpuPercent(prev: CpuTimes, cur: CpuTimes): number | null {
  const total = cur.total - prev.total;
  if (total <= 0) return null;
  return pct(round(((total - (cur.idle - prev.idle)) / total) * 100, 1));
}

/** `MemTotal` and `MemAvailable` from /proc/meminfo, in bytes (used = total − available). */
export function parseMeminfo(text: string): { totalBytes: number; availableBytes: number } | null {
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+)\\s*kB`, "m").exec(text);
    return m?.[1] === undefined ? null : Number(m[1]) * 1024;
  };
  const totalBytes = kb("MemTotal");
  const availableBytes = kb("MemAvailable");
  return totalBytes === null || availableBytes === null ? null : { totalBytes, availableBytes };
}

export interface HostCollectorOptions {
  /** The filesystem whose usage is reported (the one holding models and the state dir). */
  diskPath?: string;
}

/** CPU over the interval since the previous call, load, memory and one filesystem. */
export class HostCollector {
  readonly #diskPath: string;
  #cpu: CpuTimes = readCpuTimes();

  constructor(options: HostCollectorOptions = {}) {
    this.#diskPath = options.diskPath ?? "/";
  }

  async collect(): Promise<HostSample> {
    const cpu = readCpuTimes();
    const cpuPct = cpuPercent(this.#cpu, cpu);
    this.#cpu = cpu;
    let memoryTotalBytes: number | null = os.totalmem();
    let memoryUsedBytes: number | null = os.totalmem() - os.freemem();
    const meminfo = await readFile("/proc/meminfo", "utf8").then(parseMeminfo, () => null);
    if (meminfo) {
      memoryTotalBytes = meminfo.totalBytes;
      memoryUsedBytes = meminfo.totalBytes - meminfo.availableBytes;
    }
    let diskTotalBytes: number | null = null;
    let diskUsedBytes: number | null = null;
    try {
      const fs = await statfs(this.#diskPath);
      diskTotalBytes = fs.blocks * fs.bsize;
      diskUsedBytes = (fs.blocks - fs.bfree) * fs.bsize;
    } catch {
      // A missing mount reports null rather than failing the whole sample.
    }
    return {
      cpuPct,
      loadAvg1: nonNeg(round(os.loadavg()[0] ?? null)),
      memoryUsedBytes: nonNeg(memoryUsedBytes),
      memoryTotalBytes: nonNeg(memoryTotalBytes),
      diskUsedBytes: nonNeg(diskUsedBytes),
      diskTotalBytes: nonNeg(diskTotalBytes),
    };
  }
}
