import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { testKey } from "../testing/fake-control-plane.ts";
import { batchBody, ControlPlaneClient } from "./client.ts";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const key = testKey(3);
const body = batchBody({ version: "0.1.0", hostname: "h", simulated: false, intervalSeconds: 10 }, [
  { seq: 5, json: '{"seq":5}' },
]);

describe("control plane client", () => {
  it("posts the batch with the node key and reads the ack", async () => {
    let seen: { auth?: string; type?: string; body: string } = { body: "" };
    const url = await serve((req, res) => {
      let text = "";
      req.on("data", (c) => {
        text += c;
      });
      req.on("end", () => {
        seen = { auth: req.headers.authorization, type: req.headers["content-type"], body: text };
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"accepted":1,"duplicates":0,"lastSeq":5}');
      });
    });
    const result = await new ControlPlaneClient({ url: `${url}/`, key }).postTelemetry(body);
    expect(result).toEqual({ kind: "ok", ack: { accepted: 1, duplicates: 0, lastSeq: 5 } });
    expect(seen).toEqual({ auth: `Bearer ${key}`, type: "application/json", body });
    expect(JSON.parse(body)).toEqual({
      agent: { version: "0.1.0", hostname: "h", simulated: false, intervalSeconds: 10 },
      samples: [{ seq: 5 }],
    });
  });

  it("classifies each answer the contract allows", async () => {
    let status = 401;
    let headers: Record<string, string> = {};
    const url = await serve((_req, res) => {
      res.writeHead(status, { "content-type": "application/problem+json", ...headers });
      res.end(JSON.stringify({ title: "t", status, detail: `detail ${status}`, code: "x" }));
    });
    const client = new ControlPlaneClient({ url, key });
    expect(await client.postTelemetry(body)).toEqual({
      kind: "unauthorized",
      status: 401,
      detail: "HTTP 401: detail 401",
    });
    status = 413;
    expect((await client.postTelemetry(body)).kind).toBe("too-large");
    status = 400;
    expect(await client.postTelemetry(body)).toEqual({
      kind: "rejected",
      status: 400,
      detail: "HTTP 400: detail 400",
    });
    status = 503;
    headers = { "retry-after": "7" };
    expect(await client.postTelemetry(body)).toEqual({
      kind: "retry",
      detail: "HTTP 503: detail 503",
      retryAfterMs: 7000,
    });
    status = 200;
    expect((await client.postTelemetry(body)).kind).toBe("retry");
  });

  it("never follows a redirect with the key", async () => {
    let elsewhere = 0;
    const other = await serve((_req, res) => {
      elsewhere++;
      res.end("{}");
    });
    const url = await serve((_req, res) => {
      res.writeHead(308, { location: `${other}/api/agent/v1/telemetry` });
      res.end();
    });
    const client = new ControlPlaneClient({ url, key });
    const result = await client.postTelemetry(body);
    expect(result.kind).toBe("retry");
    expect(result.kind === "retry" && result.detail).toMatch(
      /answered 308 redirecting to .*: set --url/,
    );
    expect((await client.whoami()).kind).toBe("unreachable");
    expect(elsewhere).toBe(0);
  });

  it("reports an unreachable control plane as retryable", async () => {
    const url = await serve(() => {});
    const dead = url;
    const s = servers.pop();
    s?.closeAllConnections();
    await new Promise((r) => s?.close(r));
    const result = await new ControlPlaneClient({ url: dead, key, timeoutMs: 2000 }).postTelemetry(
      body,
    );
    expect(result).toEqual({ kind: "retry", detail: "ECONNREFUSED" });
    expect(await new ControlPlaneClient({ url: dead, key }).whoami()).toEqual({
      kind: "unreachable",
      detail: "ECONNREFUSED",
    });
  });
});
