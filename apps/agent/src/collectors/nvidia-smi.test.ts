import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gpuSampleSchema } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import {
  interpretNvidiaSmi,
  nvidiaSmiArgs,
  parseNvidiaSmiCsv,
  runNvidiaSmi,
} from "./nvidia-smi.ts";

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("nvidia-smi CSV", () => {
  it("asks for exactly the FIELD-NOTES query", () => {
    expect(nvidiaSmiArgs).toEqual([
      "--query-gpu=timestamp,index,uuid,name,driver_version,pstate,temperature.gpu,temperature.memory,utilization.gpu,utilization.memory,memory.total,memory.used,memory.free,power.draw,power.limit,clocks.sm,clocks.mem,fan.speed,ecc.errors.corrected.volatile.total,ecc.errors.uncorrected.volatile.total,retired_pages.pending,clocks_throttle_reasons.active",
      "--format=csv,noheader,nounits",
    ]);
  });

  it("reads an 8×H100 host under load", async () => {
    const gpus = parseNvidiaSmiCsv(await fixture("nvidia-smi-h100x8.csv"));
    expect(gpus).toHaveLength(8);
    expect(gpus.map((g) => g.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gpus[0]).toEqual({
      index: 0,
      uuid: "GPU-6f1c2b8e-3d4a-9e52-7b10-c4a8e2f93d17",
      name: "NVIDIA H100 80GB HBM3",
      utilizationPct: 93,
      memoryUtilizationPct: 41,
      memoryUsedMiB: 74325,
      memoryTotalMiB: 81559,
      temperatureC: 58,
      memoryTemperatureC: 67,
      powerW: 612.47,
      powerLimitW: 700,
      smClockMHz: 1980,
      eccCorrected: 0,
      eccUncorrected: 0,
      retiredPagesPending: null,
      lastXid: null,
      throttleReasons: "0x0000000000000000",
    });
    expect(gpus[3]?.throttleReasons).toBe("0x0000000000000004");
    for (const g of gpus) expect(gpuSampleSchema.parse(g)).toEqual(g);
  });

  it("turns [N/A], [Not Supported] and [Unknown Error] into null", async () => {
    const gpus = parseNvidiaSmiCsv(await fixture("nvidia-smi-mixed-na.csv"));
    expect(gpus).toHaveLength(4);
    const [l40s, l4, geforce, broken] = gpus;
    expect(l40s).toMatchObject({
      name: "NVIDIA L40S",
      memoryTemperatureC: null,
      temperatureC: 71,
      retiredPagesPending: false,
    });
    expect(l4).toMatchObject({
      name: "NVIDIA L4",
      powerW: 61.87,
      powerLimitW: 72,
      throttleReasons: "0x0000000000000004",
    });
    expect(geforce).toMatchObject({
      powerW: null,
      powerLimitW: null,
      eccCorrected: null,
      eccUncorrected: null,
      retiredPagesPending: null,
      throttleReasons: null,
      utilizationPct: 37,
    });
    expect(broken).toMatchObject({
      index: 3,
      utilizationPct: null,
      temperatureC: null,
      memoryUsedMiB: null,
      memoryTotalMiB: 46068,
      powerW: null,
      powerLimitW: 350,
    });
    for (const g of gpus) expect(() => gpuSampleSchema.parse(g)).not.toThrow();
  });

  it("skips blank and short lines and never reports out-of-range values", () => {
    const line = (util: string) =>
      `2026/11/25 14:02:31.418, 0, GPU-x, NVIDIA L4, 550.90.07, P0, 40, [N/A], ${util}, 1, 23034, 10, 20000, 30.5, 72.00, 1500, 6251, [N/A], 0, 0, No, 0x0000000000000001`;
    expect(parseNvidiaSmiCsv(`\n${line("150")}\nnot, a, gpu\n`)).toEqual([
      expect.objectContaining({ index: 0, utilizationPct: null, temperatureC: 40 }),
    ]);
  });
});

describe("what nvidia-smi's exit says", () => {
  it("reports a host without the driver as having no GPU, not as a failure", async () => {
    expect(
      interpretNvidiaSmi({ exitCode: null, stdout: "", stderr: "", errorCode: "ENOENT" }),
    ).toEqual({
      kind: "no-gpu",
      reason: "nvidia-smi is not installed (no NVIDIA driver on this host)",
    });
    const sh = await fixture("nvidia-smi-command-not-found.txt");
    expect(interpretNvidiaSmi({ exitCode: 127, stdout: "", stderr: sh }).kind).toBe("no-gpu");
    const failed = await fixture("nvidia-smi-driver-failed.txt");
    expect(interpretNvidiaSmi({ exitCode: 9, stdout: failed, stderr: "" })).toEqual({
      kind: "no-gpu",
      reason:
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
    });
    const none = await fixture("nvidia-smi-no-devices.txt");
    expect(interpretNvidiaSmi({ exitCode: 6, stdout: none, stderr: "" })).toEqual({
      kind: "no-gpu",
      reason: "nvidia-smi found no NVIDIA devices",
    });
  });

  it("tells a hung or garbled nvidia-smi apart from a GPU-less host", () => {
    expect(
      interpretNvidiaSmi({ exitCode: null, stdout: "", stderr: "", errorCode: "ETIMEDOUT" }).kind,
    ).toBe("error");
    expect(
      interpretNvidiaSmi({ exitCode: 0, stdout: "Segmentation fault\n", stderr: "" }).kind,
    ).toBe("error");
    expect(
      interpretNvidiaSmi({
        exitCode: 15,
        stdout: "",
        stderr: "Unable to determine the device handle for GPU0000:5D:00.0: Unknown Error",
      }),
    ).toEqual({
      kind: "error",
      reason:
        "nvidia-smi exited with 15: Unable to determine the device handle for GPU0000:5D:00.0: Unknown Error",
    });
  });

  it("runs the binary with the query and reads its output", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "smi-"));
    try {
      const fake = path.join(dir, "nvidia-smi");
      const csv = path.join(dir, "out.csv");
      await writeFile(csv, await fixture("nvidia-smi-h100x8.csv"));
      await writeFile(
        fake,
        `#!/bin/sh\n[ "$2" = "--format=csv,noheader,nounits" ] || exit 2\ncat "${csv}"\n`,
      );
      await chmod(fake, 0o755);
      const result = interpretNvidiaSmi(await runNvidiaSmi(fake));
      expect(result.kind).toBe("ok");
      expect(result.kind === "ok" && result.gpus.length).toBe(8);
      const missing = await runNvidiaSmi(path.join(dir, "absent-nvidia-smi"));
      expect(interpretNvidiaSmi(missing).kind).toBe("no-gpu");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
