import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type TelemetryBatch,
  type TelemetrySample,
  telemetryBatchSchema,
} from "@edgeplane/contracts";

/**
 * A stand-in for the control plane's agent surface that speaks exactly the contract: it checks
 * the bearer key, validates each batch with the contracts' zod schema, stores each (key, seq)
 * once and answers the ack. Its memory survives stop()/start(), like a database would.
 */
export interface FakeNode {
  nodeId: string;
  orgId: string;
  siteId: string;
}

export interface FakeControlPlaneOptions {
  /** key → identity; a key not listed gets 401. */
  keys: Record<string, FakeNode>;
  /** Serve GET /api/agent/v1/whoami (false: 404, like a server without it). */
  whoami?: boolean;
  bodyLimitBytes?: number;
}

function problem(
  res: ServerResponse,
  status: number,
  code: string,
  detail: string,
  errors?: unknown,
): void {
  res.writeHead(status, { "content-type": "application/problem+json" });
  res.end(
    JSON.stringify({
      type: "about:blank",
      title: code,
      status,
      detail,
      code,
      requestId: "req_fake",
      errors,
    }),
  );
}

export class FakeControlPlane {
  readonly #o: FakeControlPlaneOptions;
  readonly #revoked = new Set<string>();
  #server: Server | null = null;
  #port = 0;
  /** key → seq → sample, first delivery wins. */
  readonly stored = new Map<string, Map<number, TelemetrySample>>();
  /** key → seqs in the order they were first stored. */
  readonly arrivals = new Map<string, number[]>();
  readonly batches: TelemetryBatch[] = [];
  readonly rejectedBodies: unknown[] = [];
  duplicates = 0;
  /** Answers the next N telemetry posts with this status before reading them. */
  failNext: { count: number; status: number } = { count: 0, status: 503 };

  constructor(options: FakeControlPlaneOptions) {
    this.#o = options;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  revoke(key: string): void {
    this.#revoked.add(key);
  }

  seqs(key: string): number[] {
    return [...(this.stored.get(key)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** Listens on `port`, or on the port of the previous start (so agents find it again). */
  async start(port = this.#port): Promise<void> {
    const server = createServer((req, res) => {
      void this.#handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Goes away like a crashed server: open connections are cut. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  #identity(req: IncomingMessage): { key: string; node: FakeNode } | null {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
    const key = m?.[1];
    const node = key ? this.#o.keys[key] : undefined;
    return key && node && !this.#revoked.has(key) ? { key, node } : null;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      chunks.push(chunk as Buffer);
    }
    const who = this.#identity(req);
    if (req.url === "/api/agent/v1/whoami" && req.method === "GET") {
      if (this.#o.whoami === false) return problem(res, 404, "not_found", "No such route");
      if (!who) return problem(res, 401, "unauthorized", "Invalid or revoked node key");
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(who.node));
      return;
    }
    if (req.url !== "/api/agent/v1/telemetry" || req.method !== "POST") {
      return problem(res, 404, "not_found", "No such route");
    }
    if (!who) return problem(res, 401, "unauthorized", "Invalid or revoked node key");
    if (this.failNext.count > 0) {
      this.failNext.count--;
      return problem(res, this.failNext.status, "service_unavailable", "Injected failure");
    }
    if (size > (this.#o.bodyLimitBytes ?? 1024 * 1024)) {
      return problem(res, 413, "payload_too_large", "Body too large");
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return problem(res, 400, "bad_request", "Body is not JSON");
    }
    const parsed = telemetryBatchSchema.safeParse(body);
    if (!parsed.success) {
      this.rejectedBodies.push(body);
      const errors = parsed.error.issues.map((i) => ({
        path: i.path.join("."),
        message: i.message,
      }));
      return problem(res, 400, "validation_failed", "Invalid telemetry batch", errors);
    }
    this.batches.push(parsed.data);
    let seqs = this.stored.get(who.key);
    if (!seqs) {
      seqs = new Map();
      this.stored.set(who.key, seqs);
    }
    const arrivals = this.arrivals.get(who.key) ?? [];
    this.arrivals.set(who.key, arrivals);
    let accepted = 0;
    let duplicates = 0;
    for (const sample of parsed.data.samples) {
      if (seqs.has(sample.seq)) {
        duplicates++;
        continue;
      }
      seqs.set(sample.seq, sample);
      arrivals.push(sample.seq);
      accepted++;
    }
    this.duplicates += duplicates;
    const lastSeq = Math.max(...seqs.keys());
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ accepted, duplicates, lastSeq }));
  }
}

/** Polls `check` until it holds; bounded, so a broken agent fails the test instead of hanging it. */
export async function waitFor(
  check: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A syntactically valid node key for tests. */
export function testKey(n: number): string {
  return `epn_Test${String(n).padStart(6, "1").replace(/0/g, "z")}ABCDEFGHJKLMNPQRS`;
}
