import type { GpuSample } from "@edgeplane/contracts";
import type { Logger } from "../log.ts";
import { mergeDcgm, parseDcgmMetrics } from "./dcgm.ts";
import { interpretNvidiaSmi, type NvidiaSmiResult, runNvidiaSmi } from "./nvidia-smi.ts";

export interface GpuCollectorOptions {
  /** The nvidia-smi binary; null skips it (a DCGM-only host). */
  nvidiaSmi?: string | null;
  /** The DCGM exporter's metrics URL, e.g. `http://127.0.0.1:9400/metrics`. */
  dcgmUrl?: string;
  timeoutMs?: number;
  log: Logger;
}

export interface GpuReading {
  gpus: GpuSample[];
  noGpu: boolean;
}

/** nvidia-smi first, DCGM to fill gaps and add XIDs; logs each change of state once. */
export class GpuCollector {
  readonly #options: GpuCollectorOptions;
  #lastState = "";

  constructor(options: GpuCollectorOptions) {
    this.#options = options;
  }

  #note(state: string, level: "info" | "warn", msg: string, fields: Record<string, unknown>) {
    if (state === this.#lastState) return;
    this.#lastState = state;
    this.#options.log[level](msg, fields);
  }

  async #dcgm(): Promise<ReturnType<typeof parseDcgmMetrics> | null> {
    const url = this.#options.dcgmUrl;
    if (!url) return null;
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return parseDcgmMetrics(await res.text());
    } catch (err) {
      this.#options.log.warn("DCGM exporter unreachable; reporting nvidia-smi values only", {
        dcgmUrl: url,
        error: String(err),
      });
      return null;
    }
  }

  async collect(): Promise<GpuReading> {
    const { nvidiaSmi = "nvidia-smi", timeoutMs = 5000 } = this.#options;
    const [smi, dcgm] = await Promise.all([
      nvidiaSmi === null
        ? Promise.resolve<NvidiaSmiResult>({ kind: "no-gpu", reason: "nvidia-smi disabled" })
        : runNvidiaSmi(nvidiaSmi, timeoutMs).then(interpretNvidiaSmi),
      this.#dcgm(),
    ]);
    const base = smi.kind === "ok" ? smi.gpus : [];
    const gpus = dcgm ? mergeDcgm(base, dcgm) : base;
    if (gpus.length > 0) {
      this.#note("ok", "info", "reading GPUs", {
        gpus: gpus.length,
        source: smi.kind === "ok" ? (dcgm ? "nvidia-smi+dcgm" : "nvidia-smi") : "dcgm",
      });
      return { gpus, noGpu: false };
    }
    if (smi.kind === "error") {
      this.#note(`error:${smi.reason}`, "warn", "could not read the GPUs this interval", {
        reason: smi.reason,
      });
      return { gpus: [], noGpu: false };
    }
    const reason = smi.kind === "no-gpu" ? smi.reason : "no GPUs";
    this.#note(`none:${reason}`, "info", "no NVIDIA GPU on this host: reporting noGpu", { reason });
    return { gpus: [], noGpu: true };
  }
}
