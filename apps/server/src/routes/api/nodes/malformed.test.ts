import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import {
  makeKey,
  makeNode,
  makeSite,
  newTenant,
  nodeBody,
  siteBody,
  type Tenant,
} from "../sites/fixtures.ts";

/* 2,000 generated malformed site/node/key requests: none may answer 5xx or change a row. */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const seed = 20261125;
function mulberry32(a: number) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const long = (min: number) => "x".repeat(min + Math.floor(random() * 3 * min));

async function snapshot(): Promise<string> {
  const res: unknown = await h.deps.database.db.execute(
    sql.raw(`select table_name from information_schema.tables
             where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
  );
  const rows = (r: unknown) =>
    (Array.isArray(r) ? r : (r as { rows: Record<string, unknown>[] }).rows) ?? [];
  const out: Record<string, unknown> = {};
  for (const { table_name } of rows(res)) {
    const name = String(table_name);
    out[name] = rows(
      await h.deps.database.db.execute(sql.raw(`select * from "${name}" order by 1`)),
    );
  }
  return JSON.stringify(out);
}

interface World {
  t: Tenant;
  siteId: string;
  retiredSiteId: string;
  foreignSiteId: string;
  nodeId: string;
  keyId: string;
}

const text = (max: number) => [
  123,
  null,
  true,
  [],
  {},
  "",
  "   ",
  long(max + 1),
  "a\u0000b",
  "tab\there",
];
function badSiteValues(w: World): Record<string, unknown[]> {
  void w;
  return {
    name: text(80),
    city: text(120),
    country: ["XX", "KEN", "k", 44, null, "", "ZZ", long(10)],
    region: ["mars", 1, null, "EU"],
    powerCapacityKw: [0, -1, "40", null, 1e7, true, [], {}],
    siteType: ["castle", 1, null, "", "Bank"],
    connectivityTier: ["tier_0", "tier_5", 3, null],
    energyPricePerKwh: [-0.1, "0.2", 1e6, true],
    currency: ["EURO", "E1", 12, true],
    pue: [0.5, 6, "1.5", true],
    status: ["demolished", 1, null],
  };
}
function badNodeValues(w: World): Record<string, unknown[]> {
  return {
    siteId: ["site_x", 123, null, "", w.foreignSiteId, w.retiredSiteId, `${w.siteId}x`],
    name: text(80),
    externalId: ["has space", "", 5, null, long(129), "ümlaut"],
    acceleratorType: ["", 7, null, long(81)],
    gpuCount: [0, 65, 1.5, "4", null, -1],
    powerDrawW: [0, -5, 1.5, "100", 300_000, null],
    latencyEstimateMs: [-1, "fast", 70_000, true],
    labels: [
      { "bad key!": "v" },
      { k: "nul\u0000" },
      { k: 5 },
      [],
      "x",
      5,
      null,
      Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, "v"])),
      { k: long(257) },
    ],
  };
}
const badKeyValues: Record<string, unknown[]> = {
  name: text(80),
  expiresAt: ["2001-01-01T00:00:00Z", "tomorrow", 123, null, "2199-01-01T00:00:00Z", ""],
};
const badRotateValues = {
  ...badKeyValues,
  // null is a valid rotation: a replacement that never expires.
  expiresAt: (badKeyValues.expiresAt ?? []).filter((v) => v !== null),
  gracePeriodSeconds: [-1, 1.5, "60", 2_592_001, null, true],
};

/** A body that breaks 1–3 fields of a valid one (wrong value, or a required field left out). */
function breakBody(
  valid: Record<string, unknown>,
  bad: Record<string, unknown[]>,
  required: readonly string[] = [],
): Record<string, unknown> {
  const body = { ...valid };
  const fields = Object.keys(bad);
  const n = 1 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) {
    const f = pick(fields);
    if (required.includes(f) && random() < 0.25) delete body[f];
    else body[f] = pick(bad[f] ?? [null]);
  }
  return body;
}

const siteRequired = ["name", "city", "country", "powerCapacityKw", "siteType", "connectivityTier"];
const nodeRequired = ["siteId", "name", "externalId", "acceleratorType", "gpuCount"];

const badJson = [
  "{",
  '{"name":',
  "nul",
  "[1,2",
  "{'a':1}",
  '{"a":1}}',
  "\u0000",
  "[]",
  "null",
  "123",
  '"s"',
];
const wrongTypes = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
];
const badIds = [
  "x",
  "site_",
  "' or 1=1 --",
  "%27%20or%201%3D1",
  "a".repeat(65),
  "a".repeat(300),
  "node_1ChPpE6UkCPNjNKybPke1q",
  "..%2F..%2Fetc",
  "%00",
  "%F0%9F%92%A5",
  "nk_%25",
];

interface Req {
  method: string;
  path: string;
  body?: string;
  headers: Record<string, string>;
}

function bodyRequest(method: string, path: string, body: unknown, w: World): Req {
  const headers = { ...w.t.owner.headers };
  const r = random();
  if (r < 0.12)
    return {
      method,
      path,
      body: pick(badJson),
      headers: { ...headers, "content-type": "application/json" },
    };
  if (r < 0.22)
    return {
      method,
      path,
      body: JSON.stringify(body),
      headers: { ...headers, "content-type": pick(wrongTypes) },
    };
  if (r < 0.25)
    return {
      method,
      path,
      body: JSON.stringify({ junk: long(1_100_000) }),
      headers: { ...headers, "content-type": "application/json" },
    };
  return {
    method,
    path,
    body: JSON.stringify(body),
    headers: { ...headers, "content-type": "application/json" },
  };
}

function listRequest(path: string, params: Record<string, string[]>, w: World): Req {
  const keys = Object.keys(params);
  const qs = new URLSearchParams();
  const n = 1 + Math.floor(random() * 3);
  for (let i = 0; i < n; i++) {
    const k = pick(keys);
    qs.append(k, pick(params[k] ?? [""]));
  }
  return { method: "GET", path: `${path}?${qs}`, headers: w.t.owner.headers };
}

const common = {
  limit: ["0", "201", "-1", "abc", "1.5", "", "1e3"],
  cursor: ["zz", "site_short", long(65), "\u0000"],
};
const search = { q: [long(101), "a\u0000", "\u0007"] };

function generate(w: World): Req {
  const { base } = w.t;
  const auth = w.t.owner.headers;
  switch (Math.floor(random() * 14)) {
    case 0:
      return bodyRequest(
        "POST",
        `${base}/sites`,
        breakBody(siteBody(), badSiteValues(w), siteRequired),
        w,
      );
    case 1: {
      const patch = random() < 0.15 ? pick([{}, { unknown: 1 }]) : breakBody({}, badSiteValues(w));
      return bodyRequest("PATCH", `${base}/sites/${w.siteId}`, patch, w);
    }
    case 2:
      return listRequest(
        `${base}/sites`,
        {
          ...common,
          ...search,
          siteType: ["x", ""],
          country: ["ZZ", "KEN"],
          status: ["gone"],
          region: ["moon"],
        },
        w,
      );
    case 3:
      return {
        method: pick(["GET", "PATCH", "DELETE"]),
        path: `${base}/sites/${pick(badIds)}`,
        headers: auth,
        body: undefined,
      };
    case 4:
      return bodyRequest(
        "POST",
        `${base}/nodes`,
        breakBody(nodeBody(w.siteId), badNodeValues(w), nodeRequired),
        w,
      );
    case 5: {
      const patch =
        random() < 0.15 ? pick([{}, { status: "online" }]) : breakBody({}, badNodeValues(w));
      return bodyRequest("PATCH", `${base}/nodes/${w.nodeId}`, patch, w);
    }
    case 6:
      return listRequest(
        `${base}/nodes`,
        {
          ...common,
          ...search,
          siteId: ["site_x", "1"],
          status: ["up"],
          acceleratorType: [long(81), "\u0000"],
        },
        w,
      );
    case 7:
      return {
        method: pick(["GET", "DELETE"]),
        path: `${base}/nodes/${pick(badIds)}`,
        headers: auth,
      };
    case 8:
      return bodyRequest("POST", `${base}/nodes/${w.nodeId}/keys`, breakBody({}, badKeyValues), w);
    case 9:
      return bodyRequest(
        "POST",
        `${base}/nodes/${w.nodeId}/keys/${w.keyId}/rotate`,
        breakBody({}, badRotateValues),
        w,
      );
    case 10: {
      const path = pick([
        `${base}/nodes/${w.nodeId}/keys/${pick(badIds)}`,
        `${base}/nodes/${pick(badIds)}/keys/${w.keyId}`,
        `${base}/sites/${w.siteId}`,
      ]);
      return { method: "DELETE", path, headers: auth };
    }
    case 11:
      return listRequest(
        `${base}/node-keys`,
        { ...common, nodeId: ["node_x"], state: ["lost", ""] },
        w,
      );
    case 12: {
      const org = pick(["org_missing", "%27", "a".repeat(65), "%00"]);
      return bodyRequest("POST", `/api/orgs/${org}/sites`, siteBody(), w);
    }
    default: {
      const authorization = pick([
        "",
        "Bearer",
        "Bearer epn_",
        `Bearer epn_${"1".repeat(40)}`,
        "Basic abc",
        `Bearer ${long(5000)}`,
      ]);
      const path = pick(["/api/agent/v1/whoami", `${base}/sites`, `${base}/node-keys`]);
      return { method: "GET", path, headers: { authorization } };
    }
  }
}

it("answers 2,000 malformed requests with 4xx and changes nothing", async () => {
  const t = await newTenant(h);
  const site = await makeSite(h, t);
  const node = await makeNode(h, t, site.id);
  const { key } = await makeKey(h, t, node.id);
  const retired = await makeSite(h, t, { status: "retired" });
  const other = await newTenant(h, "Other Co");
  const foreign = await makeSite(h, other);
  const w: World = {
    t,
    siteId: site.id,
    retiredSiteId: retired.id,
    foreignSiteId: foreign.id,
    nodeId: node.id,
    keyId: key.id,
  };

  const before = await snapshot();
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < 2000; i++) {
    const req = generate(w);
    const res = await h.app.request(req.path, {
      method: req.method,
      headers: req.headers,
      body: req.body,
    });
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status < 400 || res.status >= 500) {
      failures.push(
        `#${i} ${req.method} ${req.path.slice(0, 120)} ${String(req.body).slice(0, 160)} → ${res.status}`,
      );
    }
  }
  expect(failures, `seed ${seed}`).toEqual([]);
  expect(await snapshot()).toBe(before);
  // The mix reached every layer: validation, auth, media type, size, not-found and conflicts.
  for (const status of [400, 401, 404, 409, 413, 415])
    expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
});
