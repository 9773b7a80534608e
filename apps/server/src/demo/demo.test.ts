import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { listNodesQuery } from "@edgeplane/contracts";
import { completionFor, promptText } from "@edgeplane/reference-upstream";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "../services/audit/list.ts";
import { listNodes } from "../services/nodes/list.ts";
import { getOperatorSummary } from "../services/operator/summary.ts";
import { listOrgsForUser } from "../services/orgs/list-for-user.ts";
import { demoBanner } from "./banner.ts";
import { relayOutbox } from "./outbox.ts";
import { demoUserEmail, upstreamModels } from "./plan.ts";
import { type RunningDemo, startDemo } from "./run.ts";

/* `npm run demo` in-process on a free port: what it prints must work with the real SDK. */

let dataDir: string;
let demo: RunningDemo;

const start = () => startDemo({ port: 0, dataDir, logLevel: "silent" }, 90_000);

/** The key and base URL as a newcomer copies them off the console. */
function printed(d: RunningDemo) {
  const text = demoBanner(d);
  const key = /API key\s+(epk_\S+)/.exec(text)?.[1];
  const baseURL = /Base URL\s+(\S+)/.exec(text)?.[1];
  if (!key || !baseURL) throw new Error(`the banner lacks the key or the base URL:\n${text}`);
  return { key, baseURL, text };
}

const messages = [{ role: "user" as const, content: "Say hello" }];

async function chatAndEmbed(d: RunningDemo) {
  const { key, baseURL } = printed(d);
  const client = new OpenAI({ apiKey: key, baseURL, maxRetries: 0 });
  const models = await client.models.list();
  const chat = await client.chat.completions.create({ model: "demo-chat", messages });
  const embedding = await client.embeddings.create({ model: "demo-embed", input: "edge" });
  return { models: models.data.map((m) => m.id).sort(), chat, embedding };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "edgeplane-demo-"));
  demo = await start();
}, 120_000);
afterAll(async () => {
  await demo?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe("npm run demo", () => {
  it("prints a key that lists the models, chats and embeds through the OpenAI SDK", async () => {
    const { text } = printed(demo);
    expect(text).toContain("EDGEPLANE DEMO");
    expect(text).toContain(demoUserEmail);
    expect(text).toContain(`curl -s ${demo.baseUrl}/chat/completions`);
    const { models, chat, embedding } = await chatAndEmbed(demo);
    expect(models).toEqual(["demo-chat", "demo-embed"]);
    const expected = completionFor(upstreamModels.chat, promptText(messages), {});
    expect(chat.model).toBe("demo-chat");
    expect(chat.choices[0]?.message.content).toBe(expected.tokens.join(""));
    expect(chat.usage?.completion_tokens).toBe(expected.tokens.length);
    expect(embedding.data[0]?.embedding).toHaveLength(384);
  });

  it("runs six nodes online at three sites in three countries, labelled simulated", async () => {
    const db = demo.server.deps.database.db;
    const nodes = await listNodes(db, demo.orgId, listNodesQuery.parse({ limit: 200 }));
    expect(nodes.items).toHaveLength(6);
    expect(nodes.items.every((n) => n.status === "online" || n.status === "degraded")).toBe(true);
    const summary = await getOperatorSummary(db, demo.orgId, Date.now());
    expect(summary.simulated).toBe(true);
    expect(summary.sites.map((s) => s.name).sort()).toEqual([
      "Frankfurt telecom room (demo)",
      "Paris university lab (demo)",
      "Virginia hospital (demo)",
    ]);
    expect(new Set(summary.sites.map((s) => s.region))).toEqual(new Set(["eu", "north-america"]));
  });

  it("shows the demo user's sign-in code on the console", async () => {
    const lines: string[] = [];
    const stop = relayOutbox(demo.server.deps.outbox, (t) => lines.push(t), 20);
    const res = await fetch(`${demo.server.url}/auth/v1/otp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: demoUserEmail }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => lines.join(""), { timeout: 5000 }).toMatch(/code {2}\d{6}/);
    stop();
    const code = /code {2}(\d{6})/.exec(lines.join(""))?.[1];
    const verified = await fetch(`${demo.server.url}/auth/v1/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "email", email: demoUserEmail, token: code }),
    });
    expect(verified.status).toBe(200);
  });

  it("re-runs on the same data dir without duplicating anything, with the same key", async () => {
    const before = printed(demo).key;
    const db0 = demo.server.deps.database.db;
    const audit = (await listAudit(db0, demo.orgId, { limit: 200 })).items.length;
    await demo.stop();
    demo = await start();
    expect(printed(demo).key).toBe(before);
    const db = demo.server.deps.database.db;
    const audited = (await listAudit(db, demo.orgId, { limit: 200 })).items;
    expect(audited).toHaveLength(audit);
    const user = audited[0]?.actor.id ?? "";
    expect(await listOrgsForUser(db, user)).toHaveLength(1);
    const { models, chat } = await chatAndEmbed(demo);
    expect(models).toEqual(["demo-chat", "demo-embed"]);
    expect(chat.choices[0]?.message.content).toBeTruthy();
  });
});
