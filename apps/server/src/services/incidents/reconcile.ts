import {
  type HealthReasonCode,
  type IncidentCause,
  type IncidentSeverity,
  newIncidentId,
} from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, inArray, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "../context.ts";
import { appendEvents, type NewEvent } from "./timeline.ts";

/*
 * The health evaluator's side of incidents: open one per node (or site) and cause on a
 * transition into trouble, escalate its severity, and resolve it on recovery. Maintenance
 * suppresses opening; recovery still resolves. Operators' incidents follow the same rows.
 */

export interface ReasonLike {
  code: HealthReasonCode;
  severity: IncidentSeverity;
  message: string;
  since?: number;
  observedAt?: number;
}

export interface NodeChange {
  nodeId: string;
  orgId: string;
  siteId: string;
  name: string;
  prev: { reasons: ReasonLike[]; maintenance: boolean } | null;
  next: { reasons: ReasonLike[]; maintenance: boolean };
}

export interface SiteChange {
  siteId: string;
  orgId: string;
  name: string;
  wasLost: boolean;
  lost: boolean;
  nodes: number;
}

const rank: Record<IncidentSeverity, number> = { minor: 1, major: 2, critical: 3 };

export function causeOf(code: HealthReasonCode): IncidentCause {
  return code === "offline" || code === "heartbeat_late" ? "connectivity" : code;
}

const titles: Record<IncidentCause, (severity: IncidentSeverity) => string> = {
  connectivity: (s) => (s === "critical" ? "is offline" : "heartbeat is late"),
  gpu_temperature: () => "GPU temperature is high",
  xid_error: () => "GPU reported an XID error",
  ecc_uncorrectable: () => "GPU has uncorrectable ECC errors",
  upstream_unhealthy: () => "inference server is unhealthy",
  error_rate: () => "error rate is above threshold",
  site_offline: () => "every node is offline",
};
export const incidentTitle = (subject: string, cause: IncidentCause, s: IncidentSeverity) =>
  `${subject}: ${titles[cause](s)}`;

/** The reason behind an event as data: its note is worded for people, these are exact. */
function reasonDetails(r: ReasonLike): Record<string, unknown> {
  const iso = (ms: number | undefined) =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  return { reason: r.code, since: iso(r.since), observedAt: iso(r.observedAt) };
}

function causes(reasons: readonly ReasonLike[]): Map<IncidentCause, ReasonLike> {
  const out = new Map<IncidentCause, ReasonLike>();
  for (const r of reasons) {
    const c = causeOf(r.code);
    const seen = out.get(c);
    if (!seen || rank[r.severity] > rank[seen.severity]) out.set(c, r);
  }
  return out;
}

type Open = typeof schema.incidents.$inferSelect;
type NewIncident = typeof schema.incidents.$inferInsert;

export interface ReconcileResult {
  opened: number;
  escalated: number;
  resolved: number;
}

export async function reconcileIncidents(
  tx: Tx,
  changes: { nodes: NodeChange[]; sites: SiteChange[] },
  now: Date,
): Promise<ReconcileResult> {
  const i = schema.incidents;
  const nodeIds = changes.nodes.map((n) => n.nodeId);
  const siteIds = changes.sites.map((s) => s.siteId);
  // Open incidents of the changed nodes and sites, and of nodes or sites that are gone.
  const gone = sql<boolean>`case when ${i.nodeId} is not null
    then not exists (select 1 from nodes n where n.id = ${i.nodeId})
    else not exists (select 1 from sites s where s.id = ${i.siteId}) end`;
  const found = await tx
    .select({ row: i, gone })
    .from(i)
    .where(
      and(
        isNull(i.resolvedAt),
        or(
          nodeIds.length > 0
            ? sql`${i.nodeId} in (select jsonb_array_elements_text(${JSON.stringify(nodeIds)}::jsonb))`
            : undefined,
          siteIds.length > 0
            ? and(
                isNull(i.nodeId),
                sql`${i.siteId} in (select jsonb_array_elements_text(${JSON.stringify(siteIds)}::jsonb))`,
              )
            : undefined,
          gone,
        ),
      ),
    );
  const byKey = new Map(found.map((f) => [f.row.dedupeKey, f.row]));
  const byNode = new Map<string, Open[]>();
  for (const { row } of found) {
    if (row.nodeId) byNode.set(row.nodeId, [...(byNode.get(row.nodeId) ?? []), row]);
  }
  const toOpen: (NewIncident & { note: string; details: Record<string, unknown> })[] = [];
  const toResolve = new Map<string, { row: Open; note: string }>();
  const escalations: { id: string; severity: IncidentSeverity; title: string }[] = [];
  const events: NewEvent[] = [];
  const event = (
    row: { id: string; orgId: string },
    e: Omit<NewEvent, "incidentId" | "orgId" | "actor" | "at">,
  ) => events.push({ ...e, incidentId: row.id, orgId: row.orgId, actor: null, at: now });

  for (const n of changes.nodes) {
    const next = causes(n.next.reasons);
    const before = n.prev && !n.prev.maintenance ? causes(n.prev.reasons) : new Map();
    for (const [cause, reason] of next) {
      const key = `${n.nodeId}:${cause}`;
      const inc = byKey.get(key);
      if (inc) {
        if (rank[reason.severity] > rank[inc.severity]) {
          const title = incidentTitle(inc.subject, cause, reason.severity);
          escalations.push({ id: inc.id, severity: reason.severity, title });
          event(inc, {
            kind: "severity_changed",
            from: inc.severity,
            to: reason.severity,
            note: reason.message,
            details: reasonDetails(reason),
          });
        }
      } else if (!n.next.maintenance && !before.has(cause)) {
        toOpen.push({
          id: newIncidentId(now.getTime()),
          orgId: n.orgId,
          dedupeKey: key,
          cause,
          severity: reason.severity,
          status: "investigating",
          title: incidentTitle(n.name, cause, reason.severity),
          nodeId: n.nodeId,
          siteId: n.siteId,
          subject: n.name,
          openedAt: now,
          note: reason.message,
          details: reasonDetails(reason),
        });
      }
    }
    for (const inc of byNode.get(n.nodeId) ?? []) {
      if (!next.has(inc.cause as IncidentCause)) {
        toResolve.set(inc.id, { row: inc, note: "Recovered: the condition cleared" });
      }
    }
  }
  for (const s of changes.sites) {
    const key = `${s.siteId}:site_offline`;
    const inc = byKey.get(key);
    if (s.lost && !s.wasLost && !inc) {
      toOpen.push({
        id: newIncidentId(now.getTime()),
        orgId: s.orgId,
        dedupeKey: key,
        cause: "site_offline",
        severity: "critical",
        status: "investigating",
        title: incidentTitle(s.name, "site_offline", "critical"),
        nodeId: null,
        siteId: s.siteId,
        subject: s.name,
        openedAt: now,
        note: `All ${s.nodes} monitored node${s.nodes === 1 ? " is" : "s are"} offline`,
        details: { nodes: s.nodes },
      });
    } else if (!s.lost && inc) {
      toResolve.set(inc.id, { row: inc, note: "Recovered: a node of the site is reachable again" });
    }
  }
  for (const f of found) {
    if (f.gone && !toResolve.has(f.row.id)) {
      toResolve.set(f.row.id, {
        row: f.row,
        note: `Resolved: the ${f.row.nodeId ? "node" : "site"} was deleted`,
      });
    }
  }

  let opened = 0;
  // A fleet-wide event opens thousands at once: chunks keep each statement within limits.
  for (let k = 0; k < toOpen.length; k += 500) {
    const chunk = toOpen.slice(k, k + 500);
    const rows = await tx
      .insert(i)
      .values(chunk.map(({ note: _note, details: _details, ...row }) => row))
      .onConflictDoNothing()
      .returning({ id: i.id, orgId: i.orgId, severity: i.severity });
    opened += rows.length;
    const byId = new Map(chunk.map((o) => [o.id, o]));
    for (const r of rows) {
      const o = byId.get(r.id);
      event(r, { kind: "opened", to: r.severity, note: o?.note ?? null, details: o?.details });
    }
  }
  const resolving = [...toResolve.values()];
  for (let k = 0; k < resolving.length; k += 1000) {
    const chunk = resolving.slice(k, k + 1000);
    await tx
      .update(i)
      .set({ status: "resolved", resolvedAt: now, resolvedBy: null, updatedAt: now })
      .where(
        inArray(
          i.id,
          chunk.map((r) => r.row.id),
        ),
      );
    for (const r of chunk)
      event(r.row, { kind: "resolved", from: r.row.status, to: "resolved", note: r.note });
  }
  if (escalations.length > 0) {
    await tx.execute(sql`update incidents i set severity = x.severity, title = x.title, updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(escalations)}::jsonb) as x(id text, severity text, title text)
      where i.id = x.id`);
  }
  await appendEvents(tx, events);
  return { opened, escalated: escalations.length, resolved: resolving.length };
}
