import type { CustomerKeyIdentity } from "../../keys/customer-verifier.ts";
import { clientClosed, usageCost } from "../usage/write.ts";
import type { CatalogueModel } from "./catalogue.ts";
import { ClientGoneError, type Dispatched, dispatch } from "./dispatch.ts";
import { GatewayError } from "./errors.ts";
import { normaliseUpstreamError, rewriteJsonAnswer } from "./rewrite.ts";
import type { FleetNode } from "./route.ts";
import type { GatewayRuntime } from "./runtime.ts";
import { relaySse } from "./sse.ts";

export interface InferenceCall {
  key: CustomerKeyIdentity;
  model: CatalogueModel;
  endpoint: "chat" | "embeddings";
  /** The validated request body, unknown fields included. */
  body: Record<string, unknown>;
  stream: boolean;
  /** The customer asked for the usage chunk (`stream_options.include_usage`). */
  keepUsage: boolean;
  estimatedTokens: number;
  requestId: string;
  /** performance.now() when the gateway got the request, and the wall clock then. */
  startedAt: number;
  startedAtDate: Date;
  /** Aborts when the customer disconnects. */
  signal: AbortSignal;
  /** Headers every answer carries (x-request-id, security headers). */
  headers: Record<string, string>;
}

interface Outcome {
  status: number;
  errorCode: string | null;
  node: FleetNode | null;
  inputTokens: number;
  outputTokens: number;
  completed: boolean;
  estimated: boolean;
  attempts: number;
  overheadMs: number;
}

const upstreamPaths = { chat: "/chat/completions", embeddings: "/embeddings" } as const;
const ms = (v: number) => (Math.round(v * 100) / 100).toFixed(2);

/** Routes one inference request to a node and relays the answer; meters it exactly once. */
export async function proxyInference(rt: GatewayRuntime, call: InferenceCall): Promise<Response> {
  const { key, model } = call;
  const controller = new AbortController();
  const onClientAbort = () => controller.abort();
  call.signal.addEventListener("abort", onClientAbort, { once: true });
  let metered = false;
  const meter = (o: Outcome) => {
    if (metered) return;
    metered = true;
    call.signal.removeEventListener("abort", onClientAbort);
    const now = Date.now();
    rt.meter.record({
      requestId: call.requestId,
      orgId: key.orgId,
      customerId: key.customerId,
      keyId: key.keyId,
      modelId: model.id,
      model: model.publicId,
      upstreamModel: model.upstreamName,
      endpoint: call.endpoint,
      stream: call.stream,
      nodeId: o.node?.nodeId ?? null,
      siteId: o.node?.siteId ?? null,
      country: o.node?.country ?? null,
      region: o.node?.region ?? null,
      status: o.status,
      errorCode: o.errorCode,
      inputTokens: o.inputTokens,
      outputTokens: o.outputTokens,
      completed: o.completed,
      estimated: o.estimated,
      costUsd: usageCost(o.inputTokens, o.outputTokens, model),
      attempts: o.attempts,
      latencyMs: now - call.startedAtDate.getTime(),
      overheadMs: o.overheadMs,
      startedAt: call.startedAtDate,
      finishedAt: new Date(now),
    });
    rt.limiter.settle(key.keyId, call.estimatedTokens, o.inputTokens + o.outputTokens);
  };
  const failed = (status: number, errorCode: string | null, node: FleetNode | null = null) => ({
    status,
    errorCode,
    node,
    inputTokens: 0,
    outputTokens: 0,
    completed: false,
    estimated: false,
    attempts: 1,
    overheadMs: performance.now() - call.startedAt,
  });

  const upstreamBody: Record<string, unknown> = { ...call.body, model: model.upstreamName };
  if (call.stream) {
    const asked = call.body.stream_options;
    const options = typeof asked === "object" && asked !== null ? asked : {};
    upstreamBody.stream_options = { ...options, include_usage: true };
  }
  let d: Dispatched;
  try {
    d = await dispatch(rt, {
      orgId: key.orgId,
      placement: key,
      publicId: model.publicId,
      upstreamName: model.upstreamName,
      tier: key.slaTier,
      path: upstreamPaths[call.endpoint],
      body: new TextEncoder().encode(JSON.stringify(upstreamBody)),
      stream: call.stream,
      signal: controller.signal,
    });
  } catch (err) {
    if (err instanceof ClientGoneError) {
      meter(failed(clientClosed, "client_closed"));
      throw new GatewayError(
        clientClosed,
        "invalid_request_error",
        "client_closed",
        "Client closed",
      );
    }
    meter(failed(err instanceof GatewayError ? err.status : 500, errorCodeOf(err)));
    throw err;
  }
  const { node, response, release, attempts, nodeWaitMs } = d;
  const overhead = () => performance.now() - call.startedAt - nodeWaitMs;

  if (d.text !== null) {
    const text = d.text;
    release();
    if (response.status >= 400) {
      const error = normaliseUpstreamError(
        response.status,
        text,
        model.upstreamName,
        model.publicId,
      );
      meter({ ...failed(response.status, error.error.code ?? "upstream_error", node), attempts });
      return Response.json(error, {
        status: response.status,
        headers: { ...call.headers, "x-edgeplane-overhead-ms": ms(overhead()) },
      });
    }
    const answer = rewriteJsonAnswer(text, model.upstreamName, model.publicId);
    const overheadMs = overhead();
    meter({
      status: response.status,
      errorCode: null,
      node,
      inputTokens: answer.usage?.promptTokens ?? call.estimatedTokens,
      outputTokens: answer.usage?.completionTokens ?? 0,
      completed: true,
      estimated: answer.usage === null,
      attempts,
      overheadMs,
    });
    return new Response(answer.text, {
      status: response.status,
      headers: {
        ...call.headers,
        "content-type": "application/json",
        "x-edgeplane-overhead-ms": ms(overheadMs),
      },
    });
  }

  const headerOverheadMs = overhead();
  const body = relaySse(response.body, {
    upstream: model.upstreamName,
    publicId: model.publicId,
    keepUsage: call.keepUsage,
    abort: () => controller.abort(),
    customerGone: () => call.signal.aborted,
    onDone: (o) => {
      release();
      meter({
        status: response.status,
        errorCode: o.cut === "customer" ? "client_closed" : o.cut ? "stream_interrupted" : null,
        node,
        inputTokens: o.usage?.promptTokens ?? call.estimatedTokens,
        outputTokens: o.usage?.completionTokens ?? o.generatedChunks,
        completed: o.completed,
        estimated: o.usage === null,
        attempts,
        overheadMs: headerOverheadMs + o.processingMs,
      });
    },
  });
  return new Response(body, {
    status: response.status,
    headers: {
      ...call.headers,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "x-edgeplane-overhead-ms": ms(headerOverheadMs),
    },
  });
}

function errorCodeOf(err: unknown): string {
  return err instanceof GatewayError ? (err.code ?? err.type) : "internal_error";
}
