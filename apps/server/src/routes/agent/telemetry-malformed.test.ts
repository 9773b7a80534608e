import { afterAll, beforeAll, expect, it } from "vitest";
import { nodeKeyVerifier } from "../../keys/verifier.ts";
import { garbageText, rng, snapshotDatabase } from "../../testing/fuzz.ts";
import { createHarness, type Harness } from "../../testing/harness.ts";
import { batch, gpu, type KeyedNode, keyedNode, sample, send } from "./telemetry-kit.ts";

/*
 * 2,000 generated malformed telemetry posts with a valid node key: none may answer 5xx, none
 * may store anything, and the node's earlier samples and state stay as they were.
 */

let h: Harness;
let node: KeyedNode;
beforeAll(async () => {
  h = await createHarness();
  node = await keyedNode(h);
  await send(h, node, [sample(1, Date.now() - 20_000), sample(2, Date.now() - 10_000)]);
});
afterAll(() => h.close());

const r = rng(20261125);
const long = (n: number) => "x".repeat(n);
const now = Date.now();

/** Values each field refuses (never a value it accepts: null is valid for nullable readings). */
const bad: Record<string, unknown[]> = {
  "agent.version": ["", 5, null, long(41), "v\u0000"],
  "agent.hostname": ["", null, 7, long(256), "h\u0001"],
  "agent.simulated": ["yes", 1, null],
  "agent.intervalSeconds": [0, 3601, 1.5, "10", null],
  "s.seq": [-1, 1.5, "1", null, 2 ** 53, true],
  "s.at": [
    "",
    "yesterday",
    0,
    null,
    "2026-13-40T00:00:00Z",
    new Date(now - 3 * 86_400_000).toISOString(),
    new Date(now + 86_400_000).toISOString(),
    "2026-11-25 12:00",
  ],
  "s.gpus": ["x", null, {}, Array.from({ length: 65 }, (_, i) => gpu(i % 64))],
  "s.noGpu": ["no", 0, null],
  "s.host": [null, "x", {}, []],
  "s.inference": ["x", 5, {}, []],
  "g.index": [-1, 256, 1.5, "0", null],
  "g.uuid": [5, long(81), "u\u0000"],
  "g.name": [7, long(121), "a\u0000b"],
  "g.utilizationPct": [101, -1, "50", true],
  "g.memoryUsedMiB": [-1, "1", 1e308, {}],
  "g.temperatureC": [-51, 201, "x"],
  "g.powerW": [-1, 1e9],
  "g.eccUncorrected": [-1, 1.5, 1e13],
  "g.retiredPagesPending": ["no", 0],
  "g.lastXid": [-1, 1.5, 1e9],
  "g.throttleReasons": [5, long(41), "\u0007"],
  "host.cpuPct": [101, "x", -0.5],
  "host.loadAvg1": [-1, 1e7],
  "host.memoryUsedBytes": [-1, 1e19, "8e9"],
  "inf.upstreamHealthy": [null, "yes", 1],
  "inf.requestsWaiting": [-1, "2", 1e10],
  "inf.tokensPerSecond": [-5, 1e10],
  "inf.errorRatePct": [101, -1],
  "inf.models": [
    "x",
    [""],
    [long(201)],
    Array.from({ length: 101 }, () => "m"),
    [5],
    ["a\u0000"],
    null,
  ],
};
const fields = Object.keys(bad);

/** A valid batch with 1–3 fields broken (or left out), somewhere in its samples. */
function brokenBatch(): Record<string, unknown> {
  const body = batch([
    sample(100 + r.int(50), now),
    sample(200 + r.int(50), now - 5_000),
  ]) as unknown as {
    agent: Record<string, unknown>;
    samples: Record<string, unknown>[];
  };
  const n = 1 + r.int(3);
  let broken = 0;
  for (let i = 0; i < n; i++) {
    const f = r.pick(fields);
    const value = r.pick(bad[f] ?? [null]);
    const [area, key] = f.split(".") as [string, string];
    const s = r.pick(body.samples);
    // Left out is invalid too, except where the contract has a default.
    const drop = r.next() < 0.15 && !["agent.simulated", "s.noGpu"].includes(f);
    const target: Record<string, unknown> | undefined =
      area === "agent"
        ? body.agent
        : area === "s"
          ? s
          : area === "g"
            ? (s.gpus as Record<string, unknown>[] | undefined)?.[0]
            : area === "host"
              ? (s.host as Record<string, unknown>)
              : (s.inference as Record<string, unknown>);
    if (!target || typeof target !== "object") continue;
    if (drop) delete target[key];
    else target[key] = value;
    broken++;
  }
  if (broken === 0) body.agent.version = "";
  return body;
}

function request(i: number): { body: string; type: string; auth: string } {
  const auth = `Bearer ${node.secret}`;
  const mode = r.int(20);
  if (mode === 0) return { body: r.pick(garbageText), type: "application/json", auth };
  if (mode === 1)
    return {
      body: JSON.stringify(brokenBatch()),
      type: r.pick(["text/plain", "application/xml", ""]),
      auth,
    };
  if (mode === 2)
    return {
      body: JSON.stringify(r.pick([null, 42, [], "batch", { samples: [] }])),
      type: "application/json",
      auth,
    };
  if (mode === 3) {
    const b = brokenBatch();
    return {
      body: JSON.stringify(b),
      type: "application/json",
      auth: r.pick(["", "Bearer", `Bearer ${node.secret}x`, `Basic ${node.secret}`]),
    };
  }
  if (mode === 4 && i % 50 === 0) {
    // Over the body limit: 500 samples of 16 GPUs each.
    const big = batch(
      Array.from({ length: 500 }, (_, k) =>
        sample(5000 + k, now, { gpus: Array.from({ length: 16 }, (_, g) => gpu(g)) }),
      ),
    );
    return { body: JSON.stringify(big), type: "application/json", auth };
  }
  return { body: JSON.stringify(brokenBatch()), type: "application/json", auth };
}

it("refuses 2,000 malformed posts without a 5xx and without storing anything", async () => {
  // The earlier valid post stamped the key's lastUsedAt and the node's models in the background.
  await nodeKeyVerifier(h.deps.database.db).idle();
  await h.deps.telemetry.idle();
  const before = await snapshotDatabase(h.deps.database.db);
  const statuses = new Map<number, number>();
  for (let i = 0; i < 2000; i++) {
    const { body, type, auth } = request(i);
    const headers: Record<string, string> = { authorization: auth };
    if (type) headers["content-type"] = type;
    const res = await h.app.request("/api/agent/v1/telemetry", { method: "POST", headers, body });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status < 400 || res.status >= 500) {
      throw new Error(
        `request ${i} answered ${res.status}: ${body.slice(0, 300)} → ${await res.text()}`,
      );
    }
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  }
  expect(await snapshotDatabase(h.deps.database.db)).toBe(before);
  expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 401]));
  // The node still reports normally afterwards.
  expect(await send(h, node, [sample(3, Date.now())])).toEqual({
    accepted: 1,
    duplicates: 0,
    lastSeq: 3,
  });
});
