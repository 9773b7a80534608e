import type { IncidentDetail, IncidentView } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthJob } from "../../../jobs/health.ts";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import { gpu, type KeyedNode, keyedNode, sample, send } from "../../agent/telemetry-kit.ts";
import { member, newTenant } from "../sites/fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

let seq = 1;
/** A node whose GPU runs hot, and the incident the evaluator opened for it. */
async function hotIncident(node?: KeyedNode): Promise<{ node: KeyedNode; incident: IncidentView }> {
  const n = node ?? (await keyedNode(h));
  await send(h, n, [sample(seq++, Date.now(), { gpus: [gpu(0, { temperatureC: 95 })] })], 60);
  await healthJob(h.deps.database, h.deps.config.ops).tick(Date.now());
  const res = await h.request(`${n.t.base}/incidents?nodeId=${n.nodeId}`, { as: n.t.owner });
  const [incident] = (await res.json()).items as IncidentView[];
  if (!incident) throw new Error("no incident opened");
  return { node: n, incident };
}

const act = (n: KeyedNode, id: string, path: string, body: unknown = {}, as = n.t.owner) =>
  h.request(`${n.t.base}/incidents/${id}/${path}`, { method: "POST", as, body });

describe("incident actions: each one is an event on the timeline and an audit row", () => {
  it("acknowledge, assign, note, status change and resolve", async () => {
    const { node, incident } = await hotIncident();
    const operator = await member(h, node.t, "operator");

    let res = await act(node, incident.id, "acknowledge", {}, operator);
    expect(res.status).toBe(200);
    let d: IncidentDetail = await res.json();
    expect(d.acknowledgedBy).toEqual({ id: operator.id, email: operator.email });
    expect((await (await act(node, incident.id, "acknowledge")).json()).timeline).toHaveLength(2);

    res = await act(node, incident.id, "assign", { assigneeId: operator.id });
    d = await res.json();
    expect(d.assignee).toEqual({ id: operator.id, email: operator.email });
    res = await act(node, incident.id, "notes", { body: "Fan 2 is dead; spare on the way" });
    res = await act(node, incident.id, "status", { status: "identified", note: "Fan failure" });
    d = await res.json();
    expect(d.status).toBe("identified");
    res = await act(node, incident.id, "status", { status: "monitoring" });
    res = await act(node, incident.id, "resolve", { note: "Fan replaced" });
    d = await res.json();
    expect(d).toMatchObject({ status: "resolved", resolvedBy: { id: node.t.owner.id } });
    expect(d.timeline.map((e) => [e.kind, e.actor?.id ?? null, e.from, e.to, e.note])).toEqual([
      ["opened", null, null, "major", expect.stringMatching(/95 °C/)],
      ["acknowledged", operator.id, null, null, null],
      ["assigned", node.t.owner.id, null, operator.id, null],
      ["note", node.t.owner.id, null, null, "Fan 2 is dead; spare on the way"],
      ["status_changed", node.t.owner.id, "investigating", "identified", "Fan failure"],
      ["status_changed", node.t.owner.id, "identified", "monitoring", null],
      ["resolved", node.t.owner.id, "monitoring", "resolved", "Fan replaced"],
    ]);
    const audit = await h.deps.database.db
      .select({ action: schema.auditLog.action, actor: schema.auditLog.actorId })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, incident.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      "incident.acknowledged",
      "incident.assigned",
      "incident.note_added",
      "incident.resolved",
      "incident.status_changed",
      "incident.status_changed",
    ]);

    // Resolved: closed to acknowledging and status changes; notes still welcome.
    expect((await act(node, incident.id, "acknowledge")).status).toBe(409);
    expect((await act(node, incident.id, "status", { status: "investigating" })).status).toBe(409);
    expect(
      (await act(node, incident.id, "notes", { body: "Post-incident: order spares" })).status,
    ).toBe(200);
  });

  it("resolving by status change is a resolve; unassigning is an event too", async () => {
    const { node, incident } = await hotIncident();
    await act(node, incident.id, "assign", { assigneeId: node.t.owner.id });
    const un = await (await act(node, incident.id, "assign", { assigneeId: null })).json();
    expect(un.assignee).toBeNull();
    const d = await (await act(node, incident.id, "status", { status: "resolved" })).json();
    expect(d.resolvedAt).not.toBeNull();
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      "opened",
      "assigned",
      "assigned",
      "resolved",
    ]);
  });

  it("refuses bad input naming the field", async () => {
    const { node, incident } = await hotIncident();
    const stranger = await h.user();
    const cases: [string, unknown, string][] = [
      ["assign", { assigneeId: stranger.id }, "assigneeId"],
      ["assign", { assigneeId: "not-a-uuid" }, "assigneeId"],
      ["assign", {}, "assigneeId"],
      ["notes", { body: "" }, "body"],
      ["notes", { body: "x".repeat(5001) }, "body"],
      ["status", { status: "fixed" }, "status"],
      ["resolve", { note: 5 }, "note"],
    ];
    for (const [path, body, field] of cases) {
      const res = await act(node, incident.id, path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect((await res.json()).errors.map((e: { path: string }) => e.path)).toContain(field);
    }
  });
});

describe("incident lists", () => {
  it("filters by status, severity, site and node, newest first with keyset pages", async () => {
    const { node, incident } = await hotIncident();
    const other = await hotIncident(await keyedNode(h, { t: node.t }));
    const base = `${node.t.base}/incidents`;
    const get = async (q: string) =>
      (await (await h.request(`${base}?${q}`, { as: node.t.owner })).json()) as {
        items: IncidentView[];
        total: number;
        nextCursor: string | null;
      };
    expect((await get("")).items.map((i) => i.id)).toEqual([other.incident.id, incident.id]);
    expect((await get(`nodeId=${node.nodeId}`)).items.map((i) => i.id)).toEqual([incident.id]);
    expect((await get(`siteId=${other.node.siteId}`)).items.map((i) => i.id)).toEqual([
      other.incident.id,
    ]);
    expect((await get("severity=critical")).items).toEqual([]);
    const page = await get("limit=1");
    expect(page).toMatchObject({ total: 2, nextCursor: other.incident.id });
    expect((await get(`limit=1&cursor=${page.nextCursor}`)).items.map((i) => i.id)).toEqual([
      incident.id,
    ]);
    await act(node, incident.id, "resolve");
    expect((await get("")).items.map((i) => i.id)).toEqual([other.incident.id]);
    expect((await get("status=resolved")).items.map((i) => i.id)).toEqual([incident.id]);
    expect((await get("status=all")).total).toBe(2);
    for (const q of ["status=closed", "severity=huge", "siteId=x", "cursor=nope", "limit=0"]) {
      expect((await h.request(`${base}?${q}`, { as: node.t.owner })).status, q).toBe(400);
    }
  });
});

describe("incident security", () => {
  it("another tenant gets 404 for the org and for the incident", async () => {
    const { node, incident } = await hotIncident();
    const other = await newTenant(h, "Other Co");
    expect((await h.request(`${node.t.base}/incidents`, { as: other.owner })).status).toBe(404);
    expect(
      (await h.request(`${node.t.base}/incidents/${incident.id}`, { as: other.owner })).status,
    ).toBe(404);
    expect((await act(node, incident.id, "acknowledge", {}, other.owner)).status).toBe(404);
    expect(
      (await h.request(`${other.base}/incidents/${incident.id}`, { as: other.owner })).status,
    ).toBe(404);
    expect(
      (
        await h.request(`${other.base}/incidents/${incident.id}/resolve`, {
          method: "POST",
          as: other.owner,
          body: {},
        })
      ).status,
    ).toBe(404);
  });

  it("a viewer reads incidents but cannot act on them", async () => {
    const { node, incident } = await hotIncident();
    const viewer = await member(h, node.t, "viewer");
    expect(
      (await h.request(`${node.t.base}/incidents/${incident.id}`, { as: viewer })).status,
    ).toBe(200);
    for (const [path, body] of [
      ["acknowledge", {}],
      ["assign", { assigneeId: viewer.id }],
      ["notes", { body: "hi" }],
      ["status", { status: "identified" }],
      ["resolve", {}],
    ] as const) {
      const res = await act(node, incident.id, path, body, viewer);
      expect(res.status, path).toBe(403);
    }
    const maint = await h.request(`${node.t.base}/nodes/${node.nodeId}/maintenance`, {
      method: "PUT",
      as: viewer,
      body: { enabled: true },
    });
    expect(maint.status).toBe(403);
    const d = await (
      await h.request(`${node.t.base}/incidents/${incident.id}`, { as: viewer })
    ).json();
    expect(d.timeline).toHaveLength(1);
  });

  it("answers 401 without a session", async () => {
    const { node, incident } = await hotIncident();
    expect((await h.request(`${node.t.base}/incidents/${incident.id}`)).status).toBe(401);
  });
});
