import { connect, type Socket } from "node:net";

/**
 * A load generator's HTTP/1.1 client: a few keep-alive connections, requests pipelined on them
 * and written as one pre-built string each, responses parsed only for status and length. It costs
 * the benchmark's shared CPUs a few µs per request, where node:http costs ~150 µs.
 */

export type Done = (status: number | Error) => void;

interface Connection {
  socket: Socket;
  /** Callbacks of requests written and not yet answered, oldest first. */
  waiting: Done[];
  outbox: string[];
  buffered: Buffer;
  /** Body bytes still to skip of the response being read (-1: reading its head). */
  skip: number;
  chunked: boolean;
  status: number;
}

const headEnd = Buffer.from("\r\n\r\n");
const lineEnd = Buffer.from("\r\n");

export class PipelinedClient {
  readonly #host: string;
  readonly #port: number;
  readonly #connections: Connection[] = [];
  #next = 0;

  constructor(host: string, port: number, connections: number) {
    this.#host = host;
    this.#port = port;
    for (let i = 0; i < connections; i++) this.#connections.push(this.#open());
  }

  /** `head` is everything before the blank line except Content-Length, each line ending CRLF. */
  post(head: string, body: string, done: Done): void {
    const i = this.#next;
    this.#next = (i + 1) % this.#connections.length;
    let c = this.#connections[i];
    if (!c || c.socket.destroyed) {
      c = this.#open();
      this.#connections[i] = c;
    }
    c.waiting.push(done);
    c.outbox.push(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    if (c.outbox.length === 1) {
      const conn = c;
      queueMicrotask(() => {
        conn.socket.write(conn.outbox.join(""));
        conn.outbox = [];
      });
    }
  }

  close(): void {
    for (const c of this.#connections) c.socket.destroy();
  }

  #open(): Connection {
    const socket = connect({ host: this.#host, port: this.#port, noDelay: true });
    const c: Connection = {
      socket,
      waiting: [],
      outbox: [],
      buffered: Buffer.alloc(0),
      skip: -1,
      chunked: false,
      status: 0,
    };
    socket.on("data", (chunk: Buffer) => {
      c.buffered = c.buffered.length === 0 ? chunk : Buffer.concat([c.buffered, chunk]);
      this.#parse(c);
    });
    const fail = (err: Error) => {
      for (const done of c.waiting.splice(0)) done(err);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed")));
    return c;
  }

  #parse(c: Connection): void {
    for (;;) {
      if (c.skip < 0) {
        const end = c.buffered.indexOf(headEnd);
        if (end < 0) return;
        const head = c.buffered.toString("latin1", 0, end);
        c.status = Number(head.slice(9, 12));
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        c.chunked = !length && /\r\ntransfer-encoding:\s*chunked/i.test(head);
        c.skip = length ? Number(length[1]) : 0;
        c.buffered = c.buffered.subarray(end + 4);
      }
      if (c.chunked) {
        const line = c.buffered.indexOf(lineEnd);
        if (line < 0) return;
        const size = Number.parseInt(c.buffered.toString("latin1", 0, line), 16);
        if (c.buffered.length < line + 2 + size + 2) return;
        c.buffered = c.buffered.subarray(line + 2 + size + 2);
        if (size > 0) continue;
      } else {
        if (c.buffered.length < c.skip) return;
        c.buffered = c.buffered.subarray(c.skip);
      }
      c.skip = -1;
      c.waiting.shift()?.(c.status);
    }
  }
}
