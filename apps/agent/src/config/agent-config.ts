import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { type LogFormat, type LogLevel, logLevels } from "../log.ts";
import { parseDuration } from "./duration.ts";

export class UsageError extends Error {}
export class ConfigError extends Error {}

/** Every setting: its flag, its environment variable, its config-file key and its help line. */
export const agentSettings = [
  ["url", "EDGEPLANE_URL", "control plane URL, e.g. https://edgeplane.example.com"],
  ["key", "EDGEPLANE_NODE_KEY", "node key (epn_…); visible in `ps`, so prefer --key-file"],
  ["key-file", "EDGEPLANE_NODE_KEY_FILE", "file holding the node key"],
  [
    "upstream",
    "EDGEPLANE_UPSTREAM",
    "local inference server's OpenAI base URL, e.g. http://127.0.0.1:8000/v1",
  ],
  [
    "upstream-api-key",
    "EDGEPLANE_UPSTREAM_API_KEY",
    "the inference server's API key (vLLM --api-key), if any",
  ],
  [
    "dcgm-url",
    "EDGEPLANE_DCGM_URL",
    "DCGM exporter metrics URL, e.g. http://127.0.0.1:9400/metrics",
  ],
  ["interval", "EDGEPLANE_INTERVAL", "seconds between samples, or 30s / 1m (default 10s, 1s–1h)"],
  ["state-dir", "EDGEPLANE_STATE_DIR", "seq counter and unsent samples (default below)"],
  [
    "buffer-hours",
    "EDGEPLANE_BUFFER_HOURS",
    "hours of samples kept while the control plane is unreachable (default 24)",
  ],
  ["hostname", "EDGEPLANE_HOSTNAME", "hostname reported (default: this machine's)"],
  [
    "nvidia-smi",
    "EDGEPLANE_NVIDIA_SMI",
    "nvidia-smi binary, or `off` (default nvidia-smi on PATH)",
  ],
  ["disk-path", "EDGEPLANE_DISK_PATH", "filesystem whose usage is reported (default /)"],
  ["log-level", "EDGEPLANE_LOG_LEVEL", "debug, info, warn, error (default info)"],
  ["log-format", "EDGEPLANE_LOG_FORMAT", "json (default) or pretty"],
  [
    "config",
    "EDGEPLANE_AGENT_CONFIG",
    "YAML file with the same settings in camelCase (flags and env win)",
  ],
] as const;

type Setting = (typeof agentSettings)[number][0];

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

const fileSchema = z.strictObject(
  Object.fromEntries(
    agentSettings
      .filter(([f]) => f !== "config")
      .map(([f]) => [camel(f), z.union([z.string(), z.number()]).optional()]),
  ),
);

export interface AgentConfig {
  url: string;
  key: string;
  keySource: string;
  upstream: string | null;
  upstreamApiKey: string | null;
  /** Serve gateway requests to the upstream over a tunnel (needs `upstream`; --no-tunnel). */
  tunnel: boolean;
  dcgmUrl: string | null;
  intervalMs: number;
  stateDir: string;
  bufferHours: number;
  maxSamples: number;
  hostname: string;
  nvidiaSmi: string | null;
  diskPath: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  warnings: string[];
}

export const agentParseOptions = {
  ...Object.fromEntries(agentSettings.map(([flag]) => [flag, { type: "string" }])),
  "no-tunnel": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const satisfies ParseArgsConfig["options"];

export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  // systemd's StateDirectory= sets STATE_DIRECTORY.
  if (env.STATE_DIRECTORY) return env.STATE_DIRECTORY.split(":")[0] ?? env.STATE_DIRECTORY;
  return process.getuid?.() === 0
    ? "/var/lib/edgeplane-agent"
    : path.join(os.homedir(), ".edgeplane-agent");
}

const nodeKeyPattern = /^epn_[1-9A-HJ-NP-Za-km-z]{16,64}$/;

function httpUrl(value: string, what: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === "http:" || u.protocol === "https:") return value.replace(/\/+$/, "");
  } catch {}
  throw new ConfigError(`${what} must be an http(s) URL, got ${JSON.stringify(value)}`);
}

async function readSecretFile(file: string, what: string): Promise<string> {
  const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    throw new ConfigError(`cannot read ${what} ${file}: ${err.code ?? err.message}`);
  });
  const value = text.trim();
  if (!value) throw new ConfigError(`${what} ${file} is empty`);
  return value;
}

/** Flags win over environment variables, which win over the config file, which wins over defaults. */
export async function resolveAgentConfig(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<AgentConfig> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: agentParseOptions,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const envOf = (s: Setting) => agentSettings.find(([f]) => f === s)?.[1] ?? "";
  const configPath = (values.config as string | undefined) ?? env[envOf("config")];
  let file: Record<string, string | number | undefined> = {};
  if (configPath) {
    const text = await readFile(configPath, "utf8").catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(`cannot read config file ${configPath}: ${err.code ?? err.message}`);
    });
    const parsed = fileSchema.safeParse(parseYaml(text) ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(
        `config file ${configPath}: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
      );
    }
    file = parsed.data;
  }
  const layered = (s: Setting): { value: string; source: string } | null => {
    const flag = values[s];
    if (typeof flag === "string") return { value: flag, source: `--${s}` };
    const fromEnv = env[envOf(s)];
    if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: envOf(s) };
    const fromFile = file[camel(s)];
    return fromFile === undefined
      ? null
      : { value: String(fromFile), source: `${configPath}: ${camel(s)}` };
  };
  const get = (s: Setting) => layered(s)?.value;
  /** Where a setting came from, so an error names the flag, variable or file key to fix. */
  const where = (s: Setting) => layered(s)?.source ?? `--${s}`;
  const warnings: string[] = [];

  const urlValue = get("url");
  if (!urlValue) throw new ConfigError("the control plane URL is required: --url or EDGEPLANE_URL");
  const url = httpUrl(urlValue, where("url"));
  const host = new URL(url).hostname;
  if (url.startsWith("http:") && !["localhost", "127.0.0.1", "[::1]"].includes(host)) {
    warnings.push("the node key is sent over plain http; use https outside a lab");
  }

  // Inside each layer the key itself wins over its file.
  const keyFrom = (layer: "flag" | "env" | "file") => {
    for (const s of ["key", "key-file"] as const) {
      const v = layer === "flag" ? values[s] : layer === "env" ? env[envOf(s)] : file[camel(s)];
      if ((typeof v !== "string" || v === "") && typeof v !== "number") continue;
      const raw = String(v);
      const source =
        layer === "flag" ? `--${s}` : layer === "env" ? envOf(s) : `config ${camel(s)}`;
      return {
        source,
        read: () =>
          s === "key-file" ? readSecretFile(raw, "key file") : Promise.resolve(raw.trim()),
      };
    }
    return null;
  };
  const keyLayer = keyFrom("flag") ?? keyFrom("env") ?? keyFrom("file");
  if (!keyLayer)
    throw new ConfigError("the node key is required: --key-file, EDGEPLANE_NODE_KEY or --key");
  const key = await keyLayer.read();
  if (!nodeKeyPattern.test(key)) {
    throw new ConfigError(
      `the node key from ${keyLayer.source} does not look like a node key (epn_ followed by base58)`,
    );
  }
  if (keyLayer.source === "--key")
    warnings.push(
      "--key is visible to other users in `ps`; prefer --key-file or EDGEPLANE_NODE_KEY",
    );

  const intervalMs = parseDuration(get("interval") ?? "10s");
  if (intervalMs === null || intervalMs < 1000 || intervalMs > 3_600_000) {
    throw new ConfigError(
      `${where("interval")} must be between 1s and 1h, got ${JSON.stringify(get("interval"))}`,
    );
  }
  const bufferHours = Number(get("buffer-hours") ?? 24);
  if (!Number.isFinite(bufferHours) || bufferHours <= 0 || bufferHours > 24 * 31) {
    throw new ConfigError(
      `${where("buffer-hours")} must be a number of hours above 0 (at most 744), got ${get("buffer-hours")}`,
    );
  }
  const logLevel = (get("log-level") ?? "info") as LogLevel;
  if (!logLevels.includes(logLevel))
    throw new ConfigError(`${where("log-level")} must be one of ${logLevels.join(", ")}`);
  const logFormat = (get("log-format") ?? "json") as LogFormat;
  if (logFormat !== "json" && logFormat !== "pretty")
    throw new ConfigError(`${where("log-format")} must be json or pretty`);
  const upstream = get("upstream");
  const dcgmUrl = get("dcgm-url");
  const nvidiaSmi = get("nvidia-smi") ?? "nvidia-smi";
  const upstreamKeyValue = get("upstream-api-key");

  return {
    url,
    key,
    keySource: keyLayer.source,
    upstream: upstream ? httpUrl(upstream, where("upstream")) : null,
    upstreamApiKey: upstreamKeyValue ?? null,
    tunnel:
      values["no-tunnel"] !== true && !/^(1|true|yes|on)$/i.test(env.EDGEPLANE_NO_TUNNEL ?? ""),
    dcgmUrl: dcgmUrl ? httpUrl(dcgmUrl, where("dcgm-url")) : null,
    intervalMs,
    stateDir: path.resolve(get("state-dir") ?? defaultStateDir(env)),
    bufferHours,
    maxSamples: Math.ceil((bufferHours * 3_600_000) / intervalMs),
    hostname: get("hostname") ?? os.hostname(),
    nvidiaSmi: nvidiaSmi === "off" ? null : nvidiaSmi,
    diskPath: get("disk-path") ?? "/",
    logLevel,
    logFormat,
    warnings,
  };
}
