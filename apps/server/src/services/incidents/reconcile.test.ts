import type { IncidentDetail, IncidentView } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { healthJob } from "../../jobs/health.ts";
import { keyedNode, sample, send } from "../../routes/agent/telemetry-kit.ts";
import { createHarness, type Harness } from "../../testing/harness.ts";

/* What an operator reads on an incident the evaluator opened, and the data kept beside it. */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
// Only Date is faked: the clock jumps where a test says, timers and I/O stay real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.parse("2026-11-25T16:02:11.123Z"));
});
afterEach(() => vi.useRealTimers());

const pass = () => healthJob(h.deps.database, h.deps.config.ops).tick(Date.now());
async function elapse(seconds: number) {
  for (let s = 0; s < seconds; s += 5) {
    vi.setSystemTime(Date.now() + Math.min(5, seconds - s) * 1000);
    await pass();
  }
}

describe("incidents opened by the health evaluator", () => {
  it("word times for people and keep the exact instants in the event data", async () => {
    const node = await keyedNode(h);
    const heardAt = new Date().toISOString();
    await send(h, node, [sample(1, Date.now())], 10);
    await pass();
    await elapse(130);

    const list = await h.request(`${node.t.base}/incidents?nodeId=${node.nodeId}`, {
      as: node.t.owner,
    });
    const [inc] = (await list.json()).items as IncidentView[];
    expect(inc).toMatchObject({ severity: "critical", title: "gpu-node-01: is offline" });
    const res = await h.request(`${node.t.base}/incidents/${inc?.id}`, { as: node.t.owner });
    const { timeline } = (await res.json()) as IncidentDetail;
    expect(timeline.map((e) => [e.kind, e.note])).toEqual([
      ["opened", "Last telemetry at 16:02:11 UTC; expected every 10 s"],
      ["severity_changed", "No telemetry since 16:02:11 UTC (offline after 2 min of silence)"],
    ]);
    for (const e of timeline) expect(e.note).not.toMatch(/\d{4}-\d\d-\d\dT/);

    const stored = await h.deps.database.db
      .select({ kind: schema.incidentEvents.kind, details: schema.incidentEvents.details })
      .from(schema.incidentEvents)
      .where(eq(schema.incidentEvents.incidentId, inc?.id ?? ""))
      .orderBy(asc(schema.incidentEvents.id));
    expect(stored).toEqual([
      {
        kind: "opened",
        details: { reason: "heartbeat_late", since: expect.any(String), observedAt: heardAt },
      },
      {
        kind: "severity_changed",
        details: { reason: "offline", since: expect.any(String), observedAt: heardAt },
      },
    ]);
  });
});
