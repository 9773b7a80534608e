import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createUpstreamAgents,
  destroyUpstreamAgents,
  openUpstream,
  responseBody,
} from "./upstream-http.ts";

let server: Server;
let base: string;
const agents = createUpstreamAgents();

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = JSON.stringify({ path: req.url, method: req.method });
    if (req.url === "/gzip") {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(body));
    } else if (req.url === "/zstd") {
      res.writeHead(200, { "content-encoding": "zstd" });
      res.end("opaque");
    } else {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  destroyUpstreamAgents(agents);
  await new Promise((resolve) => server.close(resolve));
});

async function get(path: string): Promise<{ text: string; decoded: boolean }> {
  const req = openUpstream(agents, new URL(path, base), "GET", {});
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
    req.end();
  });
  const { body, decoded } = responseBody(res);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return { text: Buffer.concat(chunks).toString("utf8"), decoded };
}

describe("the agent's upstream client", () => {
  it("passes a plain body through and reuses its keep-alive socket", async () => {
    expect(await get("/a")).toEqual({ text: '{"path":"/a","method":"GET"}', decoded: false });
    await get("/b");
    expect(Object.values(agents.http.freeSockets).flat()).toHaveLength(1);
  });

  it("decodes a body the upstream compressed although asked not to", async () => {
    expect(await get("/gzip")).toEqual({ text: '{"path":"/gzip","method":"GET"}', decoded: true });
  });

  it("passes an encoding it cannot decode through untouched", async () => {
    expect(await get("/zstd")).toEqual({ text: "opaque", decoded: false });
  });
});
