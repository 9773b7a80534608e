import type { IncomingHttpHeaders } from "node:http";
import type { TunnelRequestHead } from "@edgeplane/contracts";
import { userAgent } from "../version.ts";

const hopByHop = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
]);

/**
 * Headers for the upstream request. Credentials are the agent's own (`--upstream-api-key`),
 * never a caller's; compression is off (fetch would decode it, and it is a local hop).
 */
export function requestHeaders(
  head: TunnelRequestHead,
  hasBody: boolean,
  apiKey: string | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(head.headers)) {
    const lower = name.toLowerCase();
    if (hopByHop.has(lower) || lower === "authorization" || lower === "cookie") continue;
    out[lower] = value;
  }
  out["accept-encoding"] = "identity";
  out["user-agent"] ??= userAgent;
  if (apiKey) out.authorization = `Bearer ${apiKey}`;
  if (hasBody && head.contentLength !== null) out["content-length"] = String(head.contentLength);
  return out;
}

const maxHeaders = 128;
const maxValue = 16 * 1024;

/** The upstream's response headers as the frame schema accepts them (hop-by-hop ones dropped). */
export function responseHeaders(
  headers: IncomingHttpHeaders,
  decoded: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    if (hopByHop.has(name) && name !== "content-length") continue;
    // The body was decoded on the way: its encoding and length no longer apply.
    if (decoded && (name === "content-encoding" || name === "content-length")) continue;
    const value = Array.isArray(raw) ? raw.join(", ") : raw;
    if (value.length > maxValue || n >= maxHeaders) continue;
    out[name] = value;
    n++;
  }
  return out;
}
