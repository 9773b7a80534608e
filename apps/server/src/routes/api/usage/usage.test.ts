import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type UsageEvent, writeUsage } from "../../../services/usage/write.ts";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import { member, newTenant, problemPaths, type Tenant } from "../sites/fixtures.ts";

let h: Harness;
let t: Tenant;
let other: Tenant;
const ids = { customer: "", keyA: "", keyB: "" };

beforeAll(async () => {
  h = await createHarness();
  t = await newTenant(h);
  other = await newTenant(h, "Other Co");
  const c = await (
    await h.request(`${t.base}/customers`, {
      method: "POST",
      as: t.owner,
      body: { name: '=HYPERLINK("x")' },
    })
  ).json();
  ids.customer = c.id;
  const key = async () =>
    (
      await (
        await h.request(`${t.base}/customers/${c.id}/keys`, {
          method: "POST",
          as: t.owner,
          body: {},
        })
      ).json()
    ).key.id;
  ids.keyA = await key();
  ids.keyB = await key();
  let n = 0;
  const event = (
    org: string,
    keyId: string,
    model: string,
    day: string,
    over: Partial<UsageEvent> = {},
  ): UsageEvent => ({
    requestId: `req_usage_${n++}`,
    orgId: org,
    customerId: ids.customer,
    keyId,
    modelId: `mdl_${model}`,
    model,
    upstreamModel: `up/${model}`,
    endpoint: "chat",
    stream: false,
    status: 200,
    errorCode: null,
    inputTokens: 100,
    outputTokens: 50,
    completed: true,
    estimated: false,
    costUsd: 0.00002,
    attempts: 1,
    latencyMs: 10,
    overheadMs: 1,
    startedAt: new Date(`${day}T12:00:00Z`),
    finishedAt: new Date(`${day}T12:00:01Z`),
    ...over,
  });
  await writeUsage(h.deps.database.db, [
    event(t.orgId, ids.keyA, "llama", "2026-11-01"),
    event(t.orgId, ids.keyA, "llama", "2026-11-01", {
      status: 503,
      errorCode: "no_capacity_in_region",
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
    }),
    event(t.orgId, ids.keyA, "llama", "2026-11-02", {
      completed: false,
      stream: true,
      errorCode: "client_closed",
    }),
    event(t.orgId, ids.keyA, "qwen", "2026-11-02"),
    event(t.orgId, ids.keyB, "llama", "2026-11-03"),
    event(other.orgId, "ck_other", "llama", "2026-11-02"),
  ]);
});
afterAll(() => h.close());

const range = "from=2026-11-01&to=2026-11-03";

describe("usage", () => {
  it("lists requests, tokens and errors per key, model and day, newest first", async () => {
    const res = await h.request(`${t.base}/usage?${range}`, { as: t.owner });
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.total).toBe(4);
    expect(page.items.map((r: { day: string; model: string }) => `${r.day} ${r.model}`)).toEqual([
      "2026-11-03 llama",
      "2026-11-02 llama",
      "2026-11-02 qwen",
      "2026-11-01 llama",
    ]);
    const first = page.items.at(-1);
    expect(first).toMatchObject({
      customerId: ids.customer,
      customerName: '=HYPERLINK("x")',
      keyId: ids.keyA,
      requests: 2,
      errors: 1,
      incomplete: 0,
      inputTokens: 100,
      outputTokens: 50,
      totalTokens: 150,
    });
    expect(page.items[1]).toMatchObject({ incomplete: 1, errors: 0 });
  });

  it("filters by key, model and customer, and pages with a cursor", async () => {
    const byKey = await (
      await h.request(`${t.base}/usage?${range}&keyId=${ids.keyB}`, { as: t.owner })
    ).json();
    expect(byKey.items).toHaveLength(1);
    const byModel = await (
      await h.request(`${t.base}/usage?${range}&model=qwen`, { as: t.owner })
    ).json();
    expect(byModel.items.map((r: { model: string }) => r.model)).toEqual(["qwen"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = cursor ? `&cursor=${cursor}` : "";
      const page = await (
        await h.request(`${t.base}/usage?${range}&limit=1${qs}`, { as: t.owner })
      ).json();
      seen.push(...page.items.map((r: { day: string; model: string }) => `${r.day} ${r.model}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    const summary = await (
      await h.request(`${t.base}/usage/summary?${range}`, { as: t.owner })
    ).json();
    expect(summary).toMatchObject({
      requests: 5,
      errors: 1,
      incomplete: 1,
      inputTokens: 400,
      outputTokens: 200,
    });
    expect(summary.costUsd).toBeCloseTo(0.00008, 9);
  });

  it("exports CSV with formula-looking cells defused", async () => {
    const res = await h.request(`${t.base}/usage/export?${range}`, { as: t.owner });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "day,customer_id,customer_name,key_id,key_start,model,requests,errors,incomplete,input_tokens,output_tokens,total_tokens,cost_usd",
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines.join("\n")).not.toContain("ck_other");
  });

  it("refuses bad ranges and cursors, naming the field", async () => {
    const backwards = await h.request(`${t.base}/usage?from=2026-11-05&to=2026-11-01`, {
      as: t.owner,
    });
    expect(backwards.status).toBe(400);
    expect(await problemPaths(backwards)).toEqual(["from"]);
    const long = await h.request(`${t.base}/usage?from=2024-01-01&to=2026-01-01`, { as: t.owner });
    expect(await problemPaths(long)).toEqual(["from"]);
    const bad = await h.request(`${t.base}/usage?cursor=bm90LWpzb24`, { as: t.owner });
    expect(await problemPaths(bad)).toEqual(["cursor"]);
    const day = await h.request(`${t.base}/usage?to=2026-02-30`, { as: t.owner });
    expect(day.status).toBe(400);
  });

  it("another org's usage is invisible; a viewer can read usage", async () => {
    expect((await h.request(`${other.base}/usage`, { as: t.owner })).status).toBe(404);
    expect((await h.request(`${other.base}/usage/export`, { as: t.owner })).status).toBe(404);
    const theirs = await (
      await h.request(`${other.base}/usage?${range}`, { as: other.owner })
    ).json();
    expect(theirs.total).toBe(1);
    const viewer = await member(h, t, "viewer");
    expect((await h.request(`${t.base}/usage?${range}`, { as: viewer })).status).toBe(200);
  });
});
