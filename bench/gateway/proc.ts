import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";

/*
 * Per-process CPU time and resident memory read from /proc (Linux), so the Portkey process is
 * measured exactly as ours are. Elsewhere every reading is null and the tables say "n/a".
 */

function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}
const ticks = clockTicks();

/** User + system CPU milliseconds the process has used so far (10 ms resolution at 100 Hz). */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the ")" that closes the command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
  } catch {
    return null;
  }
}

/** Resident set size in MiB. */
export function rssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** CPU time of several processes across a piece of work. */
export class CpuMeter {
  readonly #pids: Record<string, number | undefined>;
  readonly #start: Record<string, number | null>;

  constructor(pids: Record<string, number | undefined>) {
    this.#pids = pids;
    this.#start = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMs(pid)]));
  }

  /** Microseconds of CPU per unit of work (request) for each process since construction. */
  perUnitUs(units: number): Record<string, number | null> {
    const out: Record<string, number | null> = {};
    for (const [k, pid] of Object.entries(this.#pids)) {
      const now = cpuMs(pid);
      const start = this.#start[k] ?? null;
      out[k] = now === null || start === null ? null : ((now - start) * 1000) / units;
    }
    return out;
  }
}

export const load1 = (): string => (loadavg()[0] ?? 0).toFixed(2);
