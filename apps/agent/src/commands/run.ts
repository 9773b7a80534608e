import { parseArgs } from "node:util";
import { Agent } from "../agent/agent.ts";
import { createHostSampler } from "../agent/sampler.ts";
import { DiskBuffer } from "../buffer/disk-buffer.ts";
import { logDrops } from "../buffer/drop-log.ts";
import { StateDirBusyError } from "../buffer/lock.ts";
import { GpuCollector } from "../collectors/gpu.ts";
import { HostCollector } from "../collectors/host.ts";
import { InferenceCollector } from "../collectors/inference.ts";
import {
  type AgentConfig,
  agentParseOptions,
  agentSettings,
  ConfigError,
  resolveAgentConfig,
  UsageError,
} from "../config/agent-config.ts";
import { createLogger } from "../log.ts";
import { ControlPlaneClient } from "../transport/client.ts";
import { TunnelClient } from "../tunnel/client.ts";
import { agentVersion } from "../version.ts";
import { type CommandIo, exitCodes, processIo } from "./exit-codes.ts";

export function agentHelp(): string {
  const rows = agentSettings.map(
    ([flag, env, help]) => `  --${flag.padEnd(18)} ${env.padEnd(28)} ${help}`,
  );
  return `edgeplane-agent ${agentVersion}: reports this GPU host's health to an Edgeplane control plane

Usage:
  edgeplane-agent --url <control plane> --key-file <file> [--upstream http://127.0.0.1:8000/v1] [options]
  edgeplane-agent simulate --url <control plane> --keys keys.txt [options]   (simulate --help)

Options (each also as an environment variable; flags win over variables, variables over --config):
${rows.join("\n")}
  --${"no-tunnel".padEnd(18)} ${"EDGEPLANE_NO_TUNNEL=1".padEnd(28)} report telemetry only: no tunnel for gateway requests
  -h, --help                                             this text
      --version                                          print the version

The state dir defaults to $STATE_DIRECTORY (systemd StateDirectory=), else /var/lib/edgeplane-agent
as root, else ~/.edgeplane-agent. Exit codes: 0 stopped, 64 bad usage, 77 node key rejected,
78 bad configuration.
`;
}

async function start(config: AgentConfig, io: CommandIo): Promise<number> {
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  for (const w of config.warnings) log.warn(w);
  let buffer: DiskBuffer;
  try {
    buffer = await DiskBuffer.open({
      dir: config.stateDir,
      maxSamples: config.maxSamples,
      onDrop: logDrops(log),
    });
  } catch (err) {
    if (err instanceof StateDirBusyError) {
      io.err(`edgeplane-agent: ${err.message}\n`);
      return exitCodes.config;
    }
    io.err(`edgeplane-agent: cannot use state dir ${config.stateDir}: ${String(err)}\n`);
    return exitCodes.config;
  }
  const client = new ControlPlaneClient({ url: config.url, key: config.key });
  const agent = new Agent({
    client,
    buffer,
    sampler: createHostSampler({
      gpu: new GpuCollector({
        nvidiaSmi: config.nvidiaSmi,
        dcgmUrl: config.dcgmUrl ?? undefined,
        log,
      }),
      host: new HostCollector({ diskPath: config.diskPath }),
      inference: config.upstream
        ? new InferenceCollector({
            upstream: config.upstream,
            apiKey: config.upstreamApiKey ?? undefined,
          })
        : null,
      log,
    }),
    log,
    intervalMs: config.intervalMs,
    hostname: config.hostname,
  });
  // Gateway requests reach the upstream through an outbound tunnel: no inbound port needed.
  const tunnel =
    config.upstream && config.tunnel
      ? new TunnelClient({
          url: config.url,
          key: config.key,
          upstream: config.upstream,
          upstreamApiKey: config.upstreamApiKey,
          log: log.child({ component: "tunnel" }),
          controlPlane: client,
        })
      : null;
  const onSignal = (signal: string) => {
    log.info("stopping", { signal });
    agent.stop();
    tunnel?.stop();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  log.info("edgeplane-agent starting", {
    version: agentVersion,
    url: config.url,
    key: `${config.key.slice(0, 10)}…`,
    keySource: config.keySource,
    hostname: config.hostname,
    intervalSeconds: config.intervalMs / 1000,
    stateDir: config.stateDir,
    bufferSamples: config.maxSamples,
    backlog: buffer.pending(),
    nextSeq: buffer.nextSeq(),
    upstream: config.upstream,
    tunnel: tunnel ? "on" : "off",
    dcgmUrl: config.dcgmUrl,
  });
  const tunnelRun = tunnel?.run().then((e) => {
    if (e.reason === "unauthorized") agent.stop();
    return e;
  });
  const agentExit = await agent.run();
  tunnel?.stop();
  const tunnelExit = await tunnelRun;
  const exit = agentExit.reason === "stopped" && tunnelExit ? tunnelExit : agentExit;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  await buffer.close();
  if (exit.reason === "unauthorized") {
    io.err(`edgeplane-agent: ${exit.message}\n`);
    return exitCodes.unauthorized;
  }
  log.info("stopped", { ...agent.stats() });
  return exitCodes.ok;
}

export async function runAgentCommand(
  argv: string[],
  env = process.env,
  io: CommandIo = processIo,
): Promise<number> {
  const quick = parseArgs({
    args: argv,
    options: agentParseOptions,
    strict: false,
    allowPositionals: true,
  }).values;
  if (quick.help) {
    io.out(agentHelp());
    return exitCodes.ok;
  }
  if (quick.version) {
    io.out(`${agentVersion}\n`);
    return exitCodes.ok;
  }
  let config: AgentConfig;
  try {
    config = await resolveAgentConfig(argv, env);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`edgeplane-agent: ${err.message}\nRun edgeplane-agent --help for the options.\n`);
      return exitCodes.usage;
    }
    if (err instanceof ConfigError) {
      io.err(`edgeplane-agent: ${err.message}\n`);
      return exitCodes.config;
    }
    throw err;
  }
  return await start(config, io);
}
