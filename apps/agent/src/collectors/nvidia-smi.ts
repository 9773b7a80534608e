import { spawn } from "node:child_process";
import type { GpuSample } from "@edgeplane/contracts";
import { celsius, clip, intNonNeg, nonNeg, pct } from "./values.ts";

/** The query from FIELD-NOTES.md, in this order; the parser reads columns by these positions. */
export const nvidiaSmiFields = [
  "timestamp",
  "index",
  "uuid",
  "name",
  "driver_version",
  "pstate",
  "temperature.gpu",
  "temperature.memory",
  "utilization.gpu",
  "utilization.memory",
  "memory.total",
  "memory.used",
  "memory.free",
  "power.draw",
  "power.limit",
  "clocks.sm",
  "clocks.mem",
  "fan.speed",
  "ecc.errors.corrected.volatile.total",
  "ecc.errors.uncorrected.volatile.total",
  "retired_pages.pending",
  "clocks_throttle_reasons.active",
] as const;

export const nvidiaSmiArgs = [
  `--query-gpu=${nvidiaSmiFields.join(",")}`,
  "--format=csv,noheader,nounits",
];

type Field = (typeof nvidiaSmiFields)[number];

/** `[N/A]`, `[Not Supported]`, `[Unknown Error]`, `[GPU is lost]`, … : nvidia-smi's "no value". */
function isMissing(v: string): boolean {
  return v === "" || v === "N/A" || (v.startsWith("[") && v.endsWith("]"));
}

function num(v: string | undefined): number | null {
  if (v === undefined || isMissing(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function text(v: string | undefined): string | null {
  return v === undefined || isMissing(v) ? null : v;
}

function yesNo(v: string | undefined): boolean | null {
  if (v === "Yes") return true;
  if (v === "No") return false;
  return null;
}

/** Parses `--format=csv,noheader,nounits` output of the query above; one GPU per line. */
export function parseNvidiaSmiCsv(output: string): GpuSample[] {
  const gpus: GpuSample[] = [];
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const cols = line.split(",").map((c) => c.trim());
    if (cols.length < nvidiaSmiFields.length) continue;
    const col = (f: Field) => cols[nvidiaSmiFields.indexOf(f)];
    const index = num(col("index"));
    if (index === null || !Number.isInteger(index) || index < 0 || index > 255) continue;
    gpus.push({
      index,
      uuid: clip(text(col("uuid")), 80),
      name: clip(text(col("name")), 120),
      utilizationPct: pct(num(col("utilization.gpu"))),
      memoryUtilizationPct: pct(num(col("utilization.memory"))),
      memoryUsedMiB: nonNeg(num(col("memory.used"))),
      memoryTotalMiB: nonNeg(num(col("memory.total"))),
      temperatureC: celsius(num(col("temperature.gpu"))),
      memoryTemperatureC: celsius(num(col("temperature.memory"))),
      powerW: nonNeg(num(col("power.draw"))),
      powerLimitW: nonNeg(num(col("power.limit"))),
      smClockMHz: nonNeg(num(col("clocks.sm"))),
      eccCorrected: intNonNeg(num(col("ecc.errors.corrected.volatile.total"))),
      eccUncorrected: intNonNeg(num(col("ecc.errors.uncorrected.volatile.total"))),
      retiredPagesPending: yesNo(col("retired_pages.pending")),
      lastXid: null,
      throttleReasons: clip(text(col("clocks_throttle_reasons.active")), 40),
    });
  }
  return gpus.slice(0, 64);
}

export type NvidiaSmiResult =
  | { kind: "ok"; gpus: GpuSample[] }
  /** The host states that it has no usable NVIDIA GPU: reported as `noGpu`, not as a failure. */
  | { kind: "no-gpu"; reason: string }
  /** nvidia-smi ran but its answer could not be used (hung, crashed, unreadable). */
  | { kind: "error"; reason: string };

export interface NvidiaSmiRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** `ENOENT` when the binary is not installed; `ETIMEDOUT` when it hung. */
  errorCode?: string;
}

const firstLine = (s: string) => s.trim().split("\n")[0]?.trim() ?? "";

/** Turns one nvidia-smi run into what the agent reports; kept pure so fixtures can drive it. */
export function interpretNvidiaSmi(run: NvidiaSmiRun): NvidiaSmiResult {
  const said = `${run.stdout}\n${run.stderr}`;
  if (run.errorCode === "ENOENT" || run.exitCode === 127 || /command not found/.test(said)) {
    return {
      kind: "no-gpu",
      reason: "nvidia-smi is not installed (no NVIDIA driver on this host)",
    };
  }
  if (run.errorCode === "ETIMEDOUT") {
    return {
      kind: "error",
      reason: "nvidia-smi did not answer in time (a GPU may have fallen off the bus)",
    };
  }
  if (/No devices were found/.test(said)) {
    return { kind: "no-gpu", reason: "nvidia-smi found no NVIDIA devices" };
  }
  if (/NVIDIA-SMI has failed/.test(said)) {
    return { kind: "no-gpu", reason: firstLine(said) };
  }
  if (run.exitCode !== 0) {
    return {
      kind: "error",
      reason: `nvidia-smi exited with ${run.exitCode ?? run.errorCode}: ${firstLine(said)}`,
    };
  }
  const gpus = parseNvidiaSmiCsv(run.stdout);
  if (gpus.length === 0 && run.stdout.trim() !== "") {
    return { kind: "error", reason: `unreadable nvidia-smi output: ${firstLine(run.stdout)}` };
  }
  return gpus.length === 0
    ? { kind: "no-gpu", reason: "nvidia-smi listed no GPUs" }
    : { kind: "ok", gpus };
}

export async function runNvidiaSmi(
  command = "nvidia-smi",
  timeoutMs = 5000,
): Promise<NvidiaSmiRun> {
  return await new Promise((resolve) => {
    const child = spawn(command, nvidiaSmiArgs, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ exitCode: null, stdout, stderr, errorCode: err.code ?? "EUNKNOWN" });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(
        timedOut
          ? { exitCode: null, stdout, stderr, errorCode: "ETIMEDOUT" }
          : { exitCode: code, stdout, stderr },
      );
    });
  });
}
