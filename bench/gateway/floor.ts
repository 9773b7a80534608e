import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

/*
 * The floor: the bare shape of the gateway path with none of its work. A node:http server
 * relays each request over one WebSocket to a relay agent, which calls the upstream with
 * node:http on keep-alive sockets and relays the answer back chunk by chunk. No
 * authentication, validation, routing, limits, metering or logging; frames a side sends in one
 * turn of its event loop go out as one message, as the real tunnel does. What this adds over
 * a direct call is what any gateway of this architecture (a process in front, a tunnel, an
 * agent in front of the upstream) pays on this machine before it does anything useful.
 *
 * Frame: u32 stream id, u8 type, payload. Message: frames, each prefixed by its u32 length.
 */

const T = { request: 1, head: 2, chunk: 3, end: 4 } as const;

function frame(id: number, type: number, payload: Buffer): Buffer {
  const b = Buffer.allocUnsafe(9 + payload.length);
  b.writeUInt32BE(5 + payload.length, 0);
  b.writeUInt32BE(id, 4);
  b.writeUInt8(type, 8);
  payload.copy(b, 9);
  return b;
}

function* frames(message: Buffer): Generator<[number, number, Buffer]> {
  let at = 0;
  while (at < message.length) {
    const len = message.readUInt32BE(at);
    yield [
      message.readUInt32BE(at + 4),
      message.readUInt8(at + 8),
      message.subarray(at + 9, at + 4 + len),
    ];
    at += 4 + len;
  }
}

/** Sends what was queued during one turn of the event loop as one WebSocket message. */
class Batcher {
  #queue: Buffer[] = [];
  #scheduled = false;
  readonly #ws: WebSocket;
  constructor(ws: WebSocket) {
    this.#ws = ws;
  }
  send(b: Buffer): void {
    this.#queue.push(b);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const q = this.#queue;
      this.#queue = [];
      this.#ws.send(Buffer.concat(q), { binary: true });
    });
  }
}

const empty = Buffer.alloc(0);

/** The front: resolves with its URL once the relay agent has connected. */
export async function startFloorServer(): Promise<{ url: string; agentUrl: string }> {
  let agent: Batcher | null = null;
  const open = new Map<number, ServerResponse>();
  let nextId = 1;
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (!agent) {
        res.writeHead(503).end();
        return;
      }
      const id = nextId++;
      open.set(id, res);
      const head = JSON.stringify({ path: req.url, ct: req.headers["content-type"] });
      agent.send(frame(id, T.request, Buffer.concat([Buffer.from(`${head}\n`), ...chunks])));
    });
  });
  const wss = new WebSocketServer({ server: http, path: "/tunnel" });
  wss.on("connection", (ws) => {
    agent = new Batcher(ws);
    ws.on("message", (data: Buffer) => {
      for (const [id, type, payload] of frames(data)) {
        const res = open.get(id);
        if (!res) continue;
        if (type === T.head) {
          const h = JSON.parse(payload.toString()) as { status: number; ct: string };
          res.writeHead(h.status, { "content-type": h.ct });
        } else if (type === T.chunk) res.write(payload);
        else if (type === T.end) {
          open.delete(id);
          res.end();
        }
      }
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const port = (http.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, agentUrl: `ws://127.0.0.1:${port}/tunnel` };
}

/** The relay agent: connects to the front and forwards to `upstream` (a base URL, `…/v1`). */
export async function startFloorAgent(agentUrl: string, upstream: string): Promise<void> {
  const ws = new WebSocket(agentUrl, { perMessageDeflate: false });
  await new Promise((r, j) => ws.once("open", r).once("error", j));
  const out = new Batcher(ws);
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 4096 });
  const base = new URL(upstream);
  ws.on("message", (data: Buffer) => {
    for (const [id, type, payload] of frames(data)) {
      if (type !== T.request) continue;
      const nl = payload.indexOf(10);
      const head = JSON.parse(payload.subarray(0, nl).toString()) as { path: string; ct: string };
      const body = payload.subarray(nl + 1);
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          method: "POST",
          path: `${base.pathname}${head.path.replace(/^\/v1/, "")}`,
          agent: keepAlive,
          headers: { "content-type": head.ct, "content-length": body.length },
        },
        (res) => {
          const ct = String(res.headers["content-type"] ?? "application/json");
          out.send(frame(id, T.head, Buffer.from(JSON.stringify({ status: res.statusCode, ct }))));
          res.on("data", (c: Buffer) => out.send(frame(id, T.chunk, c)));
          res.on("end", () => out.send(frame(id, T.end, empty)));
        },
      );
      req.end(body);
    }
  });
}
