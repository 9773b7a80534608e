import { type TunnelRequestHead, tunnelRequestHeadSchema } from "@edgeplane/contracts";
import { TunnelError, type TunnelRequest } from "./types.ts";

/** Connection-level headers describe this hop only; the agent sets its own for the upstream. */
const hopByHop = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
]);

/**
 * The request head as the agent will check it. Header names are lowercased and hop-by-hop
 * ones dropped; anything the frame schema refuses fails this one request, never the tunnel.
 */
export function requestHead(req: TunnelRequest): TunnelRequestHead {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    if (!hopByHop.has(lower)) headers[lower] = value;
  }
  const parsed = tunnelRequestHeadSchema.safeParse({
    method: req.method.toUpperCase(),
    path: req.path,
    headers,
    contentLength: req.body === null ? null : req.body.byteLength,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new TunnelError(
    "connect_failed",
    `the request cannot go through the tunnel: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
    true,
  );
}
