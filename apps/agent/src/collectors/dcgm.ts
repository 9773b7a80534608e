import type { GpuSample } from "@edgeplane/contracts";
import { type PromPage, parsePrometheusText } from "./prometheus.ts";
import { celsius, clip, intNonNeg, nonNeg, pct } from "./values.ts";

/** One GPU as the DCGM exporter describes it, keyed by its `gpu` label. */
export interface DcgmGpu {
  index: number;
  uuid: string | null;
  modelName: string | null;
  hostname: string | null;
  /** Field name (`DCGM_FI_DEV_GPU_TEMP`) → value; DCGM's "blank" sentinels are already null. */
  fields: Map<string, number | null>;
}

/**
 * DCGM marks "no value" with sentinels rather than omitting the series: 0x7ffffff0+ (int32),
 * 0x7ffffffffffffff0+ (int64) and 2^47+ (fp64); e.g. 9223372036854775794 = not supported.
 */
function unblank(field: string, v: number): number | null {
  if (!Number.isFinite(v)) return null;
  if (v >= 9.2e18) return null;
  if (v >= 140737488355328 && v < 140737488355328 + 16) return null;
  const isCounter = /ENERGY|THROUGHPUT|COUNTER|BANDWIDTH|ROWS/.test(field);
  if (!isCounter && v >= 2147483632 && v <= 2147483647) return null;
  return v;
}

export function dcgmGpusFromPage(page: PromPage): DcgmGpu[] {
  const byIndex = new Map<number, DcgmGpu>();
  for (const s of page.samples) {
    if (!s.name.startsWith("DCGM_FI_")) continue;
    const index = Number(s.labels.gpu);
    if (!Number.isInteger(index) || index < 0 || index > 255) continue;
    let gpu = byIndex.get(index);
    if (!gpu) {
      gpu = {
        index,
        uuid: s.labels.UUID ?? null,
        modelName: s.labels.modelName ?? null,
        hostname: s.labels.Hostname ?? null,
        fields: new Map(),
      };
      byIndex.set(index, gpu);
    }
    gpu.fields.set(s.name, unblank(s.name, s.value));
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

export function parseDcgmMetrics(text: string): DcgmGpu[] {
  return dcgmGpusFromPage(parsePrometheusText(text));
}

const field = (gpu: DcgmGpu, name: string) => gpu.fields.get(`DCGM_FI_DEV_${name}`) ?? null;

function memoryTotal(gpu: DcgmGpu): number | null {
  const used = field(gpu, "FB_USED");
  const free = field(gpu, "FB_FREE");
  const reserved = field(gpu, "FB_RESERVED") ?? 0;
  return used === null || free === null ? null : used + free + reserved;
}

/** A GPU sample from DCGM alone (a host where the agent cannot run nvidia-smi). */
export function gpuFromDcgm(gpu: DcgmGpu): GpuSample {
  return {
    index: gpu.index,
    uuid: clip(gpu.uuid, 80),
    name: clip(gpu.modelName, 120),
    utilizationPct: pct(field(gpu, "GPU_UTIL")),
    memoryUtilizationPct: pct(field(gpu, "MEM_COPY_UTIL")),
    memoryUsedMiB: nonNeg(field(gpu, "FB_USED")),
    memoryTotalMiB: nonNeg(memoryTotal(gpu)),
    temperatureC: celsius(field(gpu, "GPU_TEMP")),
    memoryTemperatureC: celsius(field(gpu, "MEMORY_TEMP")),
    powerW: nonNeg(field(gpu, "POWER_USAGE")),
    powerLimitW: nonNeg(field(gpu, "POWER_MGMT_LIMIT")),
    smClockMHz: nonNeg(field(gpu, "SM_CLOCK")),
    eccCorrected: intNonNeg(field(gpu, "ECC_SBE_VOL_TOTAL")),
    eccUncorrected: intNonNeg(field(gpu, "ECC_DBE_VOL_TOTAL")),
    retiredPagesPending: null,
    lastXid: intNonNeg(field(gpu, "XID_ERRORS")),
    throttleReasons: null,
  };
}

/**
 * nvidia-smi is the primary reading; DCGM fills what it left empty and adds the last XID,
 * which `--query-gpu` cannot report. GPUs are matched by UUID, else by index.
 */
export function mergeDcgm(gpus: GpuSample[], dcgm: DcgmGpu[]): GpuSample[] {
  if (gpus.length === 0) return dcgm.map(gpuFromDcgm).slice(0, 64);
  return gpus.map((g) => {
    const d =
      dcgm.find((x) => g.uuid !== null && x.uuid === g.uuid) ??
      dcgm.find((x) => x.index === g.index);
    if (!d) return g;
    const fromDcgm = gpuFromDcgm(d);
    const merged: GpuSample = { ...g };
    for (const key of Object.keys(merged) as (keyof GpuSample)[]) {
      if (merged[key] === null && fromDcgm[key] !== null) {
        Object.assign(merged, { [key]: fromDcgm[key] });
      }
    }
    return merged;
  });
}
