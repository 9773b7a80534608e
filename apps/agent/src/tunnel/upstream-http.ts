import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable, Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/*
 * The agent's HTTP client for its upstream: node:http on keep-alive sockets. Per request it costs
 * a fraction of fetch (no Request, Headers or web streams), and its body is a Node stream whose
 * pause() is the back-pressure the tunnel's credits need.
 */

/** Keep-alive sockets to the upstream, shared by every stream and tunnel of one agent. */
export interface UpstreamAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

export function createUpstreamAgents(): UpstreamAgents {
  return { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
}

export function destroyUpstreamAgents(agents: UpstreamAgents): void {
  agents.http.destroy();
  agents.https.destroy();
}

/** Starts a request; the caller writes the body (or ends it) and listens for the response. */
export function openUpstream(
  agents: UpstreamAgents,
  url: URL,
  method: string,
  headers: Record<string, string>,
): ClientRequest {
  const tls = url.protocol === "https:";
  const options = { method, headers, agent: tls ? agents.https : agents.http };
  return tls ? httpsRequest(url, options) : httpRequest(url, options);
}

const decoders: Record<string, () => Transform> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The response body as the caller should see it. The agent asks for `identity`; an upstream that
 * compresses anyway is decoded here (as fetch did), and `decoded` says its encoding no longer
 * applies. An encoding we cannot decode passes through with its header.
 */
export function responseBody(res: IncomingMessage): { body: Readable; decoded: boolean } {
  const encoding = res.headers["content-encoding"]?.trim().toLowerCase() ?? "";
  const decoder = decoders[encoding];
  if (!decoder) return { body: res, decoded: false };
  const stream = decoder();
  res.on("error", (err) => stream.destroy(err));
  return { body: res.pipe(stream), decoded: true };
}
