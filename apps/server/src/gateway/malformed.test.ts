import { schema } from "@edgeplane/db";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newTenant } from "../routes/api/sites/fixtures.ts";
import { garbage, garbageText, malformedBody, rng } from "../testing/fuzz.ts";
import { createHarness, type Harness } from "../testing/harness.ts";
import { gatewayRuntime } from "./runtime.ts";
import { chatModel, embedModel } from "./testing/kit.ts";

/* 2,000 generated malformed gateway requests: OpenAI-style 4xx each, no 5xx, nothing metered. */

let h: Harness;
let secret: string;

beforeAll(async () => {
  h = await createHarness();
  const t = await newTenant(h);
  for (const [publicId, kind] of [
    [chatModel, "chat"],
    [embedModel, "embedding"],
  ] as const) {
    const res = await h.request(`${t.base}/models`, {
      method: "POST",
      as: t.owner,
      body: {
        publicId,
        upstreamName: `up/${publicId}`,
        kind,
        contextLength: 4096,
        inputPricePerMTok: 0.1,
        outputPricePerMTok: 0.2,
      },
    });
    expect(res.status).toBe(201);
  }
  const customer = (await (
    await h.request(`${t.base}/customers`, { method: "POST", as: t.owner, body: { name: "Fuzz" } })
  ).json()) as { id: string };
  const issued = await h.request(`${t.base}/customers/${customer.id}/keys`, {
    method: "POST",
    as: t.owner,
    body: {},
  });
  secret = ((await issued.json()) as { secret: string }).secret;
});
afterAll(() => h.close());

const r = rng(20261126);

function chatShape(): unknown {
  const base: Record<string, unknown> = {
    model: chatModel,
    messages: [{ role: "user", content: "hi" }],
  };
  const broken = r.pick([
    () => ({ ...base, messages: garbage(r) }),
    () => ({ ...base, messages: [{ role: garbage(r), content: "x" }] }),
    () => ({ ...base, messages: [{ role: "user", content: r.pick([0, true, { a: 1 }, [1]]) }] }),
    () => ({ ...base, messages: [{ content: "no role" }] }),
    () => ({ ...base, model: r.pick([null, 0, [], {}, "", "x".repeat(300)]) }),
    () => ({ messages: base.messages }),
    () => ({ ...base, stream: r.pick(["yes", 1, {}]) }),
    () => ({ ...base, stream_options: { include_usage: true } }),
    () => ({
      ...base,
      stream: true,
      stream_options: r.pick(["all", 1, [], { include_usage: "yes" }]),
    }),
    () => ({ ...base, max_tokens: r.pick([0, -1, 1.5, "10", 1e308]) }),
    () => ({ ...base, n: r.pick([0, 1000, "2"]) }),
    () => ({ ...base, temperature: r.pick([-1, 3, "hot"]) }),
    () => ({ ...base, top_p: r.pick([2, -0.1]) }),
    () => ({ ...base, stop: r.pick([1, [1, 2], ["a", "b", "c", "d", "e"]]) }),
    () => ({ ...base, model: `nope-${r.int(1000)}` }),
  ]);
  return broken();
}

function embeddingShape(): unknown {
  const base = { model: embedModel, input: "hello" };
  const broken = r.pick([
    () => ({
      ...base,
      input: r.pick([null, 0, "", [], [""], [[]], [-1], [1.5], { a: 1 }, [["a"]]]),
    }),
    () => ({ model: embedModel }),
    () => ({ ...base, encoding_format: r.pick(["int8", 1, "binary"]) }),
    () => ({ ...base, dimensions: r.pick([0, -3, "8", 1.5]) }),
    () => ({ ...base, model: chatModel }),
    () => ({ ...base, model: garbage(r) }),
  ]);
  return broken();
}

function request(): { path: string; init: RequestInit } {
  const path = r.pick(["/api/v1/chat/completions", "/api/v1/embeddings", "/api/v1/models"]);
  const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
  const mode = r.int(10);
  if (mode === 0) {
    headers.authorization = r.pick([
      "",
      "Bearer",
      `Bearer ${secret}x`,
      `Basic ${secret}`,
      `Bearer epk_${"1".repeat(70)}`,
      `Bearer ${encodeURIComponent(garbageText.join(""))}`,
    ]);
  }
  if (path === "/api/v1/models") {
    if (mode !== 0) headers.authorization = `Bearer epk_${encodeURIComponent(r.pick(garbageText))}`;
    return { path, init: { method: r.pick(["GET", "POST", "DELETE"]), headers } };
  }
  let body: string;
  if (mode <= 3) {
    const m = malformedBody(r, ["model", "messages", "input", "stream"]);
    body = m.body;
    if (m.type) headers["content-type"] = m.type;
  } else {
    body = JSON.stringify(path.endsWith("embeddings") ? embeddingShape() : chatShape());
    headers["content-type"] = "application/json";
  }
  return {
    path,
    init: {
      method: r.pick(["POST", "POST", "POST", "PUT", "GET"]),
      headers,
      body: r.next() < 0.05 ? undefined : body,
    },
  };
}

it("answers 2,000 malformed gateway requests with OpenAI-style 4xx, meters none", async () => {
  const statuses = new Map<number, number>();
  for (let i = 0; i < 2000; i++) {
    const { path, init } = request();
    if (init.method === "GET" || init.method === "DELETE") init.body = undefined;
    const res = await h.app.request(path, init);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const text = await res.text();
    const context = `${init.method} ${path} ${String(init.body).slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
    expect(res.status, context).toBeGreaterThanOrEqual(400);
    expect(res.status, context).toBeLessThan(500);
    const body = JSON.parse(text) as { error: Record<string, unknown> };
    expect(typeof body.error.message, context).toBe("string");
    expect(typeof body.error.type, context).toBe("string");
    expect("param" in body.error && "code" in body.error, context).toBe(true);
  }
  expect(statuses.get(400)).toBeGreaterThan(500);
  expect(statuses.get(401)).toBeGreaterThan(100);
  expect(statuses.get(404)).toBeGreaterThan(50);
  await gatewayRuntime(h.deps).meter.flush();
  const [events] = await h.deps.database.db.select({ n: count() }).from(schema.usageEvents);
  const [daily] = await h.deps.database.db.select({ n: count() }).from(schema.usageDaily);
  expect(events?.n).toBe(0);
  expect(daily?.n).toBe(0);
});

it("refuses an oversized body with a 413 in OpenAI's shape", async () => {
  const res = await h.app.request("/api/v1/chat/completions", {
    method: "POST",
    headers: {
      authorization: `Bearer ${secret}`,
      "content-type": "application/json",
      "content-length": String(64 * 1024 * 1024),
    },
    body: "{}",
  });
  expect(res.status).toBe(413);
  expect(await res.json()).toMatchObject({
    error: { type: "invalid_request_error", code: "request_too_large" },
  });
});

it("refuses an oversized body sent without a content-length (chunked) the same way", async () => {
  const chunk = new Uint8Array(1024 * 1024).fill(32);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < 20) controller.enqueue(chunk);
      else controller.close();
    },
  });
  // A streamed request body needs `duplex`, which the DOM typings lack.
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body,
    duplex: "half",
  };
  const res = await h.app.request("/api/v1/chat/completions", init);
  expect(res.status).toBe(413);
  expect(await res.json()).toMatchObject({ error: { code: "request_too_large" } });
});
