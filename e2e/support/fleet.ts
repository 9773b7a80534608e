import { type ChildProcess, spawn } from "node:child_process";
import { chmod, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "./server.ts";

/* A fleet for the monitoring tests: agent processes, a stand-in nvidia-smi, replayed history. */

const agentCli = path.join(repoRoot, "apps/agent/src/cli.ts");

export interface Agent {
  label: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `node apps/agent/src/cli.ts …` with the repo's Node, as an operator would run it; `home`
 * stands in for $HOME so nothing lands in the developer's. `keepBytes` of its output are kept.
 */
export function startAgent(label: string, args: string[], home: string, keepBytes = 32_768): Agent {
  const child = spawn(process.execPath, [agentCli, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-keepBytes);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const agent: Agent = {
    label,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  return agent;
}

/** An nvidia-smi stand-in in `dir` printing two L40S GPUs, the first at `hotC` °C. */
export async function fakeNvidiaSmi(dir: string, name: string, hotC: number): Promise<string> {
  const csv = path.join(dir, `${name}.csv`);
  const row = (i: number, tempC: number, util: number, powerW: number) =>
    [
      "2026/11/25 14:02:31.418",
      i,
      `GPU-${name}-${i}`,
      "NVIDIA L40S",
      "550.90.07",
      "P0",
      tempC,
      tempC - 4,
      util,
      41,
      46068,
      38000 + i * 512,
      8068 - i * 512,
      powerW,
      "350.00",
      2235,
      9001,
      "[N/A]",
      0,
      0,
      "[N/A]",
      "0x0000000000000000",
    ].join(", ");
  await writeFile(csv, `${row(0, hotC, 96, 341.2)}\n${row(1, 63, 88, 297.5)}\n`);
  const script = path.join(dir, `${name}-nvidia-smi`);
  await writeFile(script, `#!/bin/sh\ncat '${csv}'\n`);
  await chmod(script, 0o755);
  return script;
}

/**
 * Six hours of history for a simulated node, one sample a minute, as an agent replays its
 * buffer after an outage: the 24 h charts need finished 5-minute rollups, which a fleet
 * started seconds ago cannot have. (Its heartbeat lag is the replay's: hours, falling to 0.)
 */
export function history(index: number, endMs: number) {
  const minutes = 360;
  const samples = Array.from({ length: minutes }, (_, k) => {
    const at = endMs - (minutes - k) * 60_000;
    const load =
      0.55 + 0.25 * Math.sin((2 * Math.PI * k) / 150 + index) + 0.04 * Math.sin(k / 4 + index);
    const gpu = (g: number) => ({
      index: g,
      uuid: `GPU-sim-${index}-${g}`,
      name: "NVIDIA L40S",
      utilizationPct: Math.round(load * 100 - g * 2),
      memoryUtilizationPct: Math.round(load * 60),
      memoryUsedMiB: Math.round(30_000 + load * 12_000),
      memoryTotalMiB: 46_068,
      temperatureC: Math.round(44 + load * 30 - g),
      memoryTemperatureC: Math.round(48 + load * 28),
      powerW: Math.round(90 + load * 240),
      powerLimitW: 350,
      smClockMHz: 2235,
      eccCorrected: 0,
      eccUncorrected: 0,
      retiredPagesPending: null,
      lastXid: null,
      throttleReasons: "0x0000000000000000",
    });
    return {
      seq: k + 1,
      at: new Date(at).toISOString(),
      gpus: [0, 1, 2, 3].map(gpu),
      noGpu: false,
      host: {
        cpuPct: 20 + load * 30,
        loadAvg1: 4 * load,
        memoryUsedBytes: 96e9,
        memoryTotalBytes: 256e9,
        diskUsedBytes: 1.2e12,
        diskTotalBytes: 3.8e12,
      },
      inference: {
        upstreamHealthy: true,
        requestsRunning: Math.round(load * 24),
        requestsWaiting: Math.max(0, Math.round((load - 0.7) * 30)),
        kvCacheUsagePct: Math.round(load * 70),
        promptTokensTotal: 1e6 + k * 40_000,
        generationTokensTotal: 5e5 + k * 90_000,
        tokensPerSecond: Math.round(load * 2_600),
        errorRatePct: 0.2,
        models: ["meta-llama/Llama-3.1-8B-Instruct"],
      },
    };
  });
  return {
    agent: { version: "0.1.0", hostname: `sim-${index}`, simulated: true, intervalSeconds: 60 },
    samples,
  };
}

/** The site the gateway tests place their nodes in (DE, region eu). */
export const frankfurtTelecomRoom = {
  name: "Frankfurt Telecom Room",
  city: "Frankfurt",
  country: "DE",
  powerCapacityKw: 40,
  siteType: "telecom_room",
  connectivityTier: "tier_1",
};
