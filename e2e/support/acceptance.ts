import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fakeNvidiaSmi } from "./fleet.ts";
import { api, expectJson } from "./http.ts";

/* Helpers of the issue-4 acceptance tests: a node over HTTP, the agent's command line and log. */

export interface FleetNode {
  orgId: string;
  siteId: string;
  nodeId: string;
  name: string;
}

/** One site with one node in `orgId`, through the control plane's HTTP API. */
export async function siteWithNode(
  url: string,
  token: string,
  orgId: string,
  name: string,
): Promise<FleetNode> {
  const base = `/api/orgs/${orgId}`;
  const site = await expectJson<{ id: string }>(
    api(url, `${base}/sites`, token, {
      name: `Frankfurt Edge Room ${Date.now().toString(36)}`,
      city: "Frankfurt",
      country: "DE",
      powerCapacityKw: 40,
      siteType: "edge_room",
      connectivityTier: "tier_2",
    }),
    201,
  );
  const node = await expectJson<{ id: string }>(
    api(url, `${base}/nodes`, token, {
      siteId: site.id,
      name,
      externalId: `${name}-${Date.now().toString(36)}`,
      acceleratorType: "nvidia-l40s",
      gpuCount: 2,
    }),
    201,
  );
  return { orgId, siteId: site.id, nodeId: node.id, name };
}

/**
 * `edgeplane-agent run` as an operator starts it: the key in a 0600 file, the default 10 s
 * interval (no --interval), a state dir for its disk buffer, and a stand-in nvidia-smi.
 */
export async function agentCommand(options: {
  url: string;
  secret: string;
  dir: string;
  hostname: string;
  logLevel: "debug" | "info";
}): Promise<string[]> {
  const keyFile = path.join(options.dir, `${options.hostname}.key`);
  await writeFile(keyFile, `${options.secret}\n`, { mode: 0o600 });
  return [
    "run",
    "--url",
    options.url,
    "--key-file",
    keyFile,
    "--state-dir",
    path.join(options.dir, `${options.hostname}-state`),
    "--nvidia-smi",
    await fakeNvidiaSmi(options.dir, options.hostname, 58),
    "--hostname",
    options.hostname,
    "--log-level",
    options.logLevel,
  ];
}

export interface AgentLine {
  time: string;
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** The agent's JSON log lines (one object a line); anything else it printed is skipped. */
export function agentLines(output: string): AgentLine[] {
  const lines: AgentLine[] = [];
  for (const text of output.split("\n")) {
    if (!text.startsWith("{")) continue;
    try {
      lines.push(JSON.parse(text) as AgentLine);
    } catch {}
  }
  return lines;
}

/** A number field of a log line, or a clear failure naming the line. */
export function numberField(line: AgentLine | undefined, field: string): number {
  const value = line?.[field];
  if (typeof value !== "number") {
    throw new Error(`log line ${JSON.stringify(line)} has no number "${field}"`);
  }
  return value;
}

/** Polls `check` until it returns a value; resolves with it and the milliseconds it took. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  { timeoutMs, intervalMs = 250 }: { timeoutMs: number; intervalMs?: number },
): Promise<{ value: T; afterMs: number }> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return { value, afterMs: Date.now() - start };
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
