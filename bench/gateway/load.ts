import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

/*
 * The load generator: node:http with keep-alive sockets (cheaper per request than fetch, which
 * matters when it shares two cores with what it measures), closed loop at a fixed concurrency.
 */

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  model: string;
}

export interface Run {
  /** Request → last byte, per request. */
  ms: number[];
  /** The gateway's own time (x-edgeplane-overhead-ms), where the target reports it. */
  overheadMs: number[];
  wallMs: number;
}

export interface Answer {
  status: number;
  ms: number;
  /** performance.now() at the first body byte and at the end. */
  firstByteAt: number;
  endedAt: number;
  text: string;
  overheadMs: number | null;
}

export function chatBody(model: string, stream: boolean, i: number, maxTokens = 16): string {
  return JSON.stringify({
    model,
    messages: [{ role: "user", content: `bench request ${i % 97}` }],
    max_tokens: maxTokens,
    stream,
  });
}

/** One POST (`agent` undefined: Node's global agent); resolves once the whole body is in. */
export function post(agent: Agent | undefined, target: Target, body: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      target.url,
      {
        method: "POST",
        agent,
        headers: {
          ...target.headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let firstByteAt = 0;
        res.on("data", (c: Buffer) => {
          if (chunks.length === 0) firstByteAt = performance.now();
          chunks.push(c);
        });
        res.on("error", reject);
        res.on("end", () => {
          const overhead = res.headers["x-edgeplane-overhead-ms"];
          const endedAt = performance.now();
          resolve({
            status: res.statusCode ?? 0,
            ms: endedAt - started,
            firstByteAt,
            endedAt,
            text: Buffer.concat(chunks).toString("utf8"),
            overheadMs: typeof overhead === "string" ? Number(overhead) : null,
          });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export function check(target: Target, stream: boolean, a: Answer): void {
  if (a.status !== 200) throw new Error(`${target.name} answered ${a.status}: ${a.text}`);
  if (stream && !a.text.includes("[DONE]")) throw new Error(`${target.name}: no [DONE]`);
}

/** `n` requests, `concurrency` at a time, each client sending its next as soon as one ends. */
export async function closedLoop(
  target: Target,
  stream: boolean,
  concurrency: number,
  n: number,
): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const ms: number[] = [];
  const overheadMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const a = await post(agent, target, chatBody(target.model, stream, i));
        check(target, stream, a);
        ms.push(a.ms);
        if (a.overheadMs !== null) overheadMs.push(a.overheadMs);
      }
    }),
  );
  const wallMs = performance.now() - started;
  agent.destroy();
  return { ms, overheadMs, wallMs };
}
