import type { SlaTier } from "@edgeplane/contracts";
import { GatewayError, noCapacity, upstreamFailed } from "./errors.ts";
import { GateTimeoutError } from "./gate.ts";
import { readText } from "./read.ts";
import { candidateNodes, type FleetNode, type Placement, pickNode } from "./route.ts";
import type { GatewayRuntime } from "./runtime.ts";
import { asTunnelFailure, type TunnelFailure, type TunnelResponse } from "./tunnel.ts";

export interface DispatchPlan {
  orgId: string;
  placement: Placement;
  publicId: string;
  upstreamName: string;
  tier: SlaTier;
  path: string;
  body: Uint8Array;
  stream: boolean;
  signal: AbortSignal;
}

export interface Dispatched {
  node: FleetNode;
  response: TunnelResponse;
  /** The whole answer, read before returning: for JSON answers and errors, not streams. */
  text: string | null;
  attempts: number;
  /** Frees the node's slot; call when the answer has been relayed. */
  release: () => void;
  /** Time spent waiting on nodes (their first byte), for the overhead figure. */
  nodeWaitMs: number;
}

/** The customer went away before the node answered. */
export class ClientGoneError extends Error {}

const failureStatus: Record<TunnelFailure["kind"], number> = {
  not_connected: 502,
  connect_failed: 502,
  upstream_unreachable: 502,
  stream_reset: 502,
  timeout: 504,
};

function tunnelError(f: TunnelFailure): GatewayError {
  return upstreamFailed(
    failureStatus[f.kind],
    `The node serving this request could not answer (${f.kind.replaceAll("_", " ")}).`,
    f.kind === "timeout" ? "upstream_timeout" : "upstream_unreachable",
  );
}

const maxAnswerBytes = 64 * 1024 * 1024;

/**
 * Sends a request to the best candidate node. A connect failure, a cut answer or a 5xx before
 * any byte reached the customer is retried once on another candidate; JSON answers are read
 * whole here so a node dying mid-answer is such a case. Never a node outside the placement.
 */
export async function dispatch(rt: GatewayRuntime, plan: DispatchPlan): Promise<Dispatched> {
  const tried = new Set<string>();
  let nodeWaitMs = 0;
  let lastError: GatewayError | null = null;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const live = rt.live();
    const fleet = await rt.fleet.get(plan.orgId);
    const cands = candidateNodes(fleet, plan.placement, plan.upstreamName, live, tried);
    const node = pickNode(cands, live);
    if (!node) throw lastError ?? noCapacity(plan.publicId, "no connected node serves it there");
    tried.add(node.nodeId);
    let release: () => void;
    try {
      release = await rt.gate.acquire(node.nodeId, plan.tier, {
        signal: plan.signal,
        timeoutMs: rt.options.saturationWaitMs,
      });
    } catch (err) {
      if (plan.signal.aborted) throw new ClientGoneError("client closed");
      if (err instanceof GateTimeoutError) throw noCapacity(plan.publicId, "every node is busy");
      throw err;
    }
    const sent = performance.now();
    let response: TunnelResponse;
    try {
      response = await rt.tunnels().request(node.nodeId, {
        method: "POST",
        path: plan.path,
        headers: {
          "content-type": "application/json",
          accept: plan.stream ? "text/event-stream" : "application/json",
        },
        body: plan.body,
        signal: plan.signal,
      });
    } catch (err) {
      release();
      nodeWaitMs += performance.now() - sent;
      if (plan.signal.aborted) throw new ClientGoneError("client closed");
      const failure = asTunnelFailure(err);
      rt.log.warn({ err, nodeId: node.nodeId, attempt }, "gateway: node request failed");
      lastError = failure
        ? tunnelError(failure)
        : upstreamFailed(502, "The node could not be reached.");
      continue;
    }
    let text: string | null = null;
    if (!plan.stream || response.status >= 400) {
      try {
        text = await readText(response.body, maxAnswerBytes);
      } catch (err) {
        release();
        nodeWaitMs += performance.now() - sent;
        if (plan.signal.aborted) throw new ClientGoneError("client closed");
        if (err instanceof GatewayError) throw err;
        rt.log.warn({ err, nodeId: node.nodeId, attempt }, "gateway: a node's answer was cut");
        lastError = upstreamFailed(502, "The node's answer was cut off.", "stream_interrupted");
        continue;
      }
    }
    const waited = performance.now() - sent;
    nodeWaitMs += waited;
    rt.latency.observe(node.nodeId, waited);
    if (response.status >= 500 && attempt < 2) {
      const others = candidateNodes(fleet, plan.placement, plan.upstreamName, rt.live(), tried);
      if (others.length > 0) {
        rt.log.warn({ nodeId: node.nodeId, status: response.status }, "gateway: retrying a 5xx");
        if (text === null) await response.body.cancel().catch(() => undefined);
        release();
        lastError = upstreamFailed(response.status, `The node answered ${response.status}.`);
        continue;
      }
    }
    return { node, response, text, attempts: attempt, release, nodeWaitMs };
  }
  throw lastError ?? noCapacity(plan.publicId, "no node could answer");
}
