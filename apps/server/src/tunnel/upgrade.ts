import { type IncomingMessage, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { maxTunnelMessage, newId, tunnelPath } from "@edgeplane/contracts";
import { WebSocketServer } from "ws";
import type { Deps } from "../deps.ts";
import { type AppError, NotFoundError, UnauthorizedError } from "../errors.ts";
import { problemBody } from "../http/problem.ts";
import { nodeKeyRefusals, nodeKeyVerifier } from "../keys/verifier.ts";

/** Answers on the raw socket with problem JSON, before any upgrade happened. */
function refuse(socket: Duplex, err: AppError): void {
  if (socket.destroyed) return;
  const requestId = newId("request");
  const problem = problemBody(err, requestId);
  const body = JSON.stringify(problem);
  const head = [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ""}`,
    "content-type: application/problem+json",
    `content-length: ${Buffer.byteLength(body)}`,
    `x-request-id: ${requestId}`,
    ...Object.entries(err.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    "connection: close",
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
}

/**
 * The HTTP `upgrade` listener: `/api/agent/v1/tunnel` with a valid node key becomes a tunnel
 * in `deps.tunnels`; anything else is refused with problem JSON and never upgraded.
 */
export function tunnelUpgradeHandler(deps: Pick<Deps, "database" | "log" | "tunnels">) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxTunnelMessage,
    perMessageDeflate: false,
  });
  const verifier = nodeKeyVerifier(deps.database.db, deps.log);
  const log = deps.log.child({ surface: "agent-tunnel" });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== tunnelPath) return refuse(socket, new NotFoundError("WebSocket endpoint"));
    const secret = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const check = await verifier.verify(secret);
    if (!check.ok) {
      log.info({ reason: check.reason }, "agent tunnel refused");
      return refuse(socket, new UnauthorizedError(nodeKeyRefusals[check.reason]));
    }
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      deps.tunnels.attach(ws, check.identity, async () => (await verifier.verify(secret)).ok);
    });
  }

  return function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client that hangs up mid-handshake must not crash the process.
    socket.on("error", () => {});
    upgrade(req, socket, head).catch((err: unknown) => {
      log.error({ err }, "agent tunnel upgrade failed");
      socket.destroy();
    });
  };
}
