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
export function responseHeaders(headers: Headers): Record<string, string> {
  const decoded = headers.has("content-encoding");
  const out: Record<string, string> = {};
  let n = 0;
  for (const [name, value] of headers) {
    if (hopByHop.has(name) && name !== "content-length") continue;
    // fetch has already decoded a compressed body: its encoding and length no longer apply.
    if (decoded && (name === "content-encoding" || name === "content-length")) continue;
    if (value.length > maxValue || n >= maxHeaders) continue;
    out[name] = value;
    n++;
  }
  return out;
}
