import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type CommandIo, exitCodes, processIo } from "../commands/exit-codes.ts";
import { parseDuration } from "../config/duration.ts";
import { createLogger, type LogFormat, type LogLevel, logLevels } from "../log.ts";
import { Fleet } from "./fleet.ts";
import { type AcceleratorProfile, acceleratorProfile, simulatedAccelerators } from "./profiles.ts";

const options = {
  url: { type: "string" },
  keys: { type: "string" },
  nodes: { type: "string" },
  interval: { type: "string", default: "10s" },
  accelerator: { type: "string", default: "nvidia-h100-sxm" },
  gpus: { type: "string", default: "8" },
  model: { type: "string", default: "meta-llama/Llama-3.1-8B-Instruct" },
  "silent-probability": { type: "string", default: "0.0005" },
  "overheat-probability": { type: "string", default: "0.0002" },
  "xid-probability": { type: "string", default: "0.00002" },
  duration: { type: "string" },
  concurrency: { type: "string", default: "64" },
  "buffer-samples": { type: "string", default: "360" },
  seed: { type: "string" },
  "report-every": { type: "string", default: "10s" },
  "log-level": { type: "string", default: "info" },
  "log-format": { type: "string", default: "json" },
  help: { type: "boolean", short: "h" },
} as const;

export const simulateHelp = `edgeplane-agent simulate: a fleet of simulated GPU nodes for demos and benchmarks

Every batch it sends says agent.simulated: true, so its data is labelled as simulated.

Usage:
  edgeplane-agent simulate --url <control plane> --keys keys.txt [options]

  --url <url>                  control plane URL (or EDGEPLANE_URL)
  --keys <file>                node keys, one per line (# comments and blank lines ignored)
  --nodes <n>                  nodes to simulate (default: one per key; at most the number of keys)
  --interval <duration>        sample interval per node (default 10s; 1s–1h)
  --accelerator <type>         ${simulatedAccelerators.join(", ")} (default nvidia-h100-sxm)
  --gpus <n>                   GPUs per node (default 8)
  --model <id>                 model the simulated inference servers report
  --silent-probability <p>     per node and interval: chance to go silent for 6–90 intervals
                               (half host down, half network cut that buffers and replays; default 0.0005)
  --overheat-probability <p>   per node and interval: chance of a cooling failure (default 0.0002)
  --xid-probability <p>        per GPU and interval: chance of an XID error (default 0.00002)
  --duration <duration>        stop after e.g. 90s, 10m, 2h (default: until Ctrl-C)
  --concurrency <n>            requests in flight across the fleet (default 64)
  --buffer-samples <n>         samples each node keeps while it cannot deliver (default 360)
  --seed <n>                   replay the same fleet (default: random)
  --report-every <duration>    progress log interval (default 10s)
  --log-level, --log-format    as for the agent; logs go to stderr, the summary JSON to stdout
`;

class SimUsageError extends Error {}

function number(value: string | undefined, name: string, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < min || n > max) {
    throw new SimUsageError(
      `--${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function duration(value: string, name: string, minMs: number, maxMs: number): number {
  const ms = parseDuration(value);
  if (ms === null || ms < minMs || ms > maxMs)
    throw new SimUsageError(`--${name}: cannot use ${JSON.stringify(value)}`);
  return ms;
}

export function pickAccelerator(value: string): AcceleratorProfile {
  const v = value.trim().toLowerCase();
  const exact =
    acceleratorProfile(v) ?? acceleratorProfile(`nvidia-${v}`) ?? acceleratorProfile(`amd-${v}`);
  if (exact) return exact;
  const matches = simulatedAccelerators.filter((id) => id.includes(v));
  const only = matches.length === 1 && matches[0] ? acceleratorProfile(matches[0]) : undefined;
  if (only) return only;
  throw new SimUsageError(
    `--accelerator must be one of ${simulatedAccelerators.join(", ")}, got ${JSON.stringify(value)}`,
  );
}

export function parseKeysFile(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

export async function runSimulateCommand(
  argv: string[],
  env = process.env,
  io: CommandIo = processIo,
): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    if (values.help) {
      io.out(simulateHelp);
      return exitCodes.ok;
    }
    const url = values.url ?? env.EDGEPLANE_URL;
    if (!url) throw new SimUsageError("--url is required");
    if (!values.keys)
      throw new SimUsageError("--keys is required (a file with one node key per line)");
    const keyFile = values.keys;
    const keys = parseKeysFile(
      await readFile(keyFile, "utf8").catch((err: NodeJS.ErrnoException) => {
        throw new SimUsageError(`cannot read ${keyFile}: ${err.code ?? err.message}`);
      }),
    );
    if (keys.length === 0) throw new SimUsageError(`${values.keys} holds no keys`);
    const nodes =
      values.nodes === undefined ? keys.length : number(values.nodes, "nodes", 1, keys.length);
    const logLevel = values["log-level"] as LogLevel;
    if (!logLevels.includes(logLevel))
      throw new SimUsageError(`--log-level must be one of ${logLevels.join(", ")}`);
    const log = createLogger({
      level: logLevel,
      format: values["log-format"] === "pretty" ? "pretty" : ("json" satisfies LogFormat),
      write: (line) => io.err(`${line}\n`),
    });
    const intervalMs = duration(values.interval, "interval", 1000, 3_600_000);
    const fleet = new Fleet({
      url,
      keys: keys.slice(0, nodes),
      intervalMs,
      profile: pickAccelerator(values.accelerator),
      gpusPerNode: number(values.gpus, "gpus", 1, 64),
      model: values.model,
      silentProbability: number(values["silent-probability"], "silent-probability", 0, 1),
      overheatProbability: number(values["overheat-probability"], "overheat-probability", 0, 1),
      xidProbability: number(values["xid-probability"], "xid-probability", 0, 1),
      durationMs:
        values.duration === undefined
          ? null
          : duration(values.duration, "duration", 1000, 30 * 86_400_000),
      concurrency: number(values.concurrency, "concurrency", 1, 10_000),
      bufferSamples: number(values["buffer-samples"], "buffer-samples", 1, 100_000),
      seed:
        values.seed === undefined
          ? Math.floor(Math.random() * 2 ** 31)
          : number(values.seed, "seed", 0, 2 ** 32 - 1),
      log,
      reportEveryMs: duration(values["report-every"], "report-every", 1000, 86_400_000),
    });
    const onSignal = () => fleet.stop();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    log.info("simulating a fleet (its data is labelled agent.simulated: true)", {
      nodes,
      accelerator: values.accelerator,
      gpusPerNode: Number(values.gpus),
      intervalSeconds: intervalMs / 1000,
      url,
    });
    const summary = await fleet.run();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    io.out(`${JSON.stringify(summary)}\n`);
    return exitCodes.ok;
  } catch (err) {
    if (err instanceof SimUsageError || (err instanceof TypeError && "code" in err)) {
      io.err(
        `edgeplane-agent simulate: ${err.message}\nRun edgeplane-agent simulate --help for the options.\n`,
      );
      return exitCodes.usage;
    }
    throw err;
  }
}
