import { readFile } from "node:fs/promises";
import { gpuSampleSchema } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import { gpuFromDcgm, mergeDcgm, parseDcgmMetrics } from "./dcgm.ts";
import { parseNvidiaSmiCsv } from "./nvidia-smi.ts";
import { parsePrometheusText } from "./prometheus.ts";

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("DCGM exporter page", () => {
  it("keeps HELP and TYPE and reads every GPU's default fields by its labels", async () => {
    const text = await fixture("dcgm-exporter-h100x8.txt");
    const page = parsePrometheusText(text);
    expect(page.skipped).toBe(0);
    expect(page.types.get("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION")).toBe("counter");
    expect(page.help.get("DCGM_FI_DEV_XID_ERRORS")).toBe(
      "Value of the last XID error encountered.",
    );
    const gpus = parseDcgmMetrics(text);
    expect(gpus.map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gpus[0]).toMatchObject({
      uuid: "GPU-6f1c2b8e-3d4a-9e52-7b10-c4a8e2f93d17",
      modelName: "NVIDIA H100 80GB HBM3",
      hostname: "gpu-node-07",
    });
    const g3 = gpus[3];
    expect(g3 && gpuFromDcgm(g3)).toMatchObject({
      index: 3,
      utilizationPct: 95,
      temperatureC: 63,
      memoryTemperatureC: 74,
      memoryUsedMiB: 74325,
      memoryTotalMiB: 81015,
      smClockMHz: 1965,
      lastXid: 13,
    });
    expect(g3?.fields.get("DCGM_FI_DEV_POWER_USAGE")).toBe(650.269235);
    for (const g of gpus) expect(() => gpuSampleSchema.parse(gpuFromDcgm(g))).not.toThrow();
  });

  it("treats DCGM's blank sentinels as no value", () => {
    const labels = 'gpu="0",UUID="GPU-1",device="nvidia0",modelName="NVIDIA L4",Hostname="edge-1"';
    const [gpu] = parseDcgmMetrics(
      [
        `DCGM_FI_DEV_MEMORY_TEMP{${labels}} 9223372036854775794`,
        `DCGM_FI_DEV_POWER_USAGE{${labels}} 140737488355330.000000`,
        `DCGM_FI_DEV_GPU_TEMP{${labels}} 2147483646`,
        `DCGM_FI_DEV_SM_CLOCK{gpu="0", UUID="GPU-1"} 2040`,
      ].join("\n"),
    );
    expect(gpu && gpuFromDcgm(gpu)).toMatchObject({
      memoryTemperatureC: null,
      powerW: null,
      temperatureC: null,
      smClockMHz: 2040,
    });
  });

  it("adds the last XID to nvidia-smi's reading and fills only what nvidia-smi left empty", async () => {
    const smi = parseNvidiaSmiCsv(await fixture("nvidia-smi-h100x8.csv"));
    const dcgm = parseDcgmMetrics(await fixture("dcgm-exporter-h100x8.txt"));
    const merged = mergeDcgm(smi, dcgm);
    expect(merged.map((g) => g.lastXid)).toEqual([0, 0, 0, 13, 0, 0, 0, 0]);
    // nvidia-smi's own values win where both have one.
    expect(merged[3]?.temperatureC).toBe(63);
    expect(merged[0]?.temperatureC).toBe(58);
    expect(merged[0]?.powerW).toBe(612.47);
    // A DCGM-only host still reports its GPUs.
    expect(mergeDcgm([], dcgm)).toHaveLength(8);
  });
});
