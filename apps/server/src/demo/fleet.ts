import path from "node:path";
import { Agent, ControlPlaneClient, DiskBuffer, type Logger, TunnelClient } from "@edgeplane/agent";
import { type ReferenceUpstream, startReferenceUpstream } from "@edgeplane/reference-upstream";
import { simulatedSampler } from "./sampler.ts";
import type { SeededNode } from "./seed.ts";

export interface DemoFleet {
  upstreams: ReferenceUpstream[];
  /** Stops the agents and their tunnels, then the upstreams. */
  stop(): Promise<void>;
}

interface RunningHost {
  agent: Agent;
  tunnel: TunnelClient;
  buffer: DiskBuffer;
  upstream: ReferenceUpstream;
  done: Promise<unknown>;
}

/** Five seconds between samples: the charts move while someone watches. */
const intervalMs = 5000;

/**
 * One GPU host per node, in this process: a reference upstream standing in for vLLM, and the
 * real agent (telemetry labelled simulated, backlog on disk so seqs survive a re-run) with
 * its real tunnel to the control plane, through which the gateway reaches the upstream.
 */
export async function startDemoFleet(o: {
  url: string;
  nodes: SeededNode[];
  keys: Map<string, string>;
  dataDir: string;
  log: Logger;
}): Promise<DemoFleet> {
  const { log } = o;
  const hosts: RunningHost[] = [];
  const stop = async () => {
    for (const h of hosts) {
      h.agent.stop();
      h.tunnel.stop();
    }
    await Promise.all(hosts.map((h) => h.done));
    await Promise.all(hosts.map((h) => h.buffer.close()));
    await Promise.all(hosts.map((h) => h.upstream.close()));
  };
  try {
    for (const [index, node] of o.nodes.entries()) {
      const key = o.keys.get(node.id);
      if (!key) throw new Error(`no node key for ${node.name}`);
      const nodeLog = log.child({ node: node.name });
      const buffer = await DiskBuffer.open({
        dir: path.join(o.dataDir, "agents", node.externalId),
        maxSamples: 720,
      });
      const upstream = await startReferenceUpstream({
        tokensPerSecond: 80,
        firstTokenLatencyMs: 120,
        seed: index + 1,
      }).catch(async (err: unknown) => {
        await buffer.close();
        throw err;
      });
      const controlPlane = new ControlPlaneClient({ url: o.url, key, timeoutMs: 5000 });
      const agent = new Agent({
        client: controlPlane,
        buffer,
        sampler: simulatedSampler({
          index,
          acceleratorType: node.acceleratorType,
          gpuCount: node.gpuCount,
          upstream: upstream.url,
          seed: 7919 * (index + 1),
          log: nodeLog,
        }),
        log: nodeLog,
        intervalMs,
        hostname: `${node.name}.demo`,
        simulated: true,
      });
      const tunnel = new TunnelClient({
        url: o.url,
        key,
        upstream: upstream.url,
        log: nodeLog,
        controlPlane,
        retryMinMs: 200,
        retryMaxMs: 2000,
        drainMs: 1000,
      });
      const done = Promise.all([agent.run(), tunnel.run()]);
      hosts.push({ agent, tunnel, buffer, upstream, done });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { upstreams: hosts.map((h) => h.upstream), stop };
}
