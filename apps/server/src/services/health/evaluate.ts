import type { NodeStatus } from "@edgeplane/contracts";
import { sql } from "drizzle-orm";
import type { HealthThresholds } from "../../jobs/config.ts";
import type { Db, Tx } from "../context.ts";
import {
  type NodeChange,
  type ReconcileResult,
  reconcileIncidents,
  type SiteChange,
} from "../incidents/reconcile.ts";
import { type Component, components } from "../status/derive.ts";
import { recordStatus } from "../status/record.ts";
import { jobLocks, readMark, tryJobLock, writeMark } from "../telemetry/sql.ts";
import { type Candidate, loadCandidates, siteCounts, statusInput } from "./candidates.ts";
import { evaluateHealth, type HealthObservation, type HealthSnapshot } from "./rules.ts";
import { fromStored, healthColumns, incidentRelevant, sameSnapshot } from "./snapshot.ts";

export interface HealthPass {
  skipped: boolean;
  /** Nodes the rules looked at (the healthy rest cannot change). */
  nodes: number;
  changed: number;
  incidents: ReconcileResult;
}

export interface HealthPassOptions {
  thresholds: HealthThresholds;
  /** A longer gap between passes means nobody was watching: silence restarts from now. */
  watchGapMs: number;
  /** Longer gaps between passes (the job was down) are not counted as observed uptime. */
  maxGapMs: number;
}

interface HealthWrite {
  node_id: string;
  org_id: string;
  status: NodeStatus;
  since: string;
  reasons: unknown[];
  xid_baseline: Record<string, number>;
  xid_event: unknown;
  updated_at: string;
}

function healthWrite(nodeId: string, orgId: string, s: HealthSnapshot, at: Date): HealthWrite {
  const c = healthColumns(s);
  return {
    node_id: nodeId,
    org_id: orgId,
    status: c.status,
    since: c.since.toISOString(),
    reasons: c.reasons,
    xid_baseline: c.xidBaseline,
    xid_event: c.xidEvent,
    updated_at: at.toISOString(),
  };
}

/**
 * One pass of the health evaluator: apply the rules to every node whose state could change,
 * store what changed (with the reasons), open/escalate/resolve incidents, and account
 * status-page uptime. One transaction under an advisory lock: with N replicas one runs a pass.
 */
export async function runHealthPass(
  db: Db,
  opts: HealthPassOptions,
  now: number,
): Promise<HealthPass> {
  return db.transaction(async (tx) => {
    const none = { opened: 0, escalated: 0, resolved: 0 };
    if (!(await tryJobLock(tx, jobLocks.health))) {
      return { skipped: true, nodes: 0, changed: 0, incidents: none };
    }
    const watchingSince = await watching(tx, now, opts.watchGapMs);
    const rows = await loadCandidates(tx, opts.thresholds, now, watchingSince);
    const at = new Date(now);
    const writes: HealthWrite[] = [];
    const statusChanges: { id: string; siteId: string; from: NodeStatus; to: NodeStatus }[] = [];
    const nodeChanges: NodeChange[] = [];
    for (const r of rows) {
      const prev = snapshotOfRow(r);
      const next = evaluateHealth(prev, { ...observation(r), watchingSince }, opts.thresholds, now);
      if (!prev || !sameSnapshot(prev, next)) {
        writes.push(healthWrite(r.id, r.org_id, next, at));
      }
      if (r.status !== next.status) {
        statusChanges.push({ id: r.id, siteId: r.site_id, from: r.status, to: next.status });
      }
      if (incidentRelevant(prev, next)) {
        nodeChanges.push({
          nodeId: r.id,
          orgId: r.org_id,
          siteId: r.site_id,
          name: r.name,
          prev: prev && { reasons: prev.reasons, maintenance: prev.maintenance },
          next: { reasons: next.reasons, maintenance: next.maintenance },
        });
      }
    }
    const sitesChanged = statusChanges.length > 0 ? await siteLosses(tx, statusChanges) : [];
    await writeHealth(tx, writes, statusChanges);
    const incidents = await reconcileIncidents(tx, { nodes: nodeChanges, sites: sitesChanged }, at);
    const last = await readMark(tx, "status.accounted");
    const gap = last === null ? 0 : now - last;
    if (gap > 0 && gap <= opts.maxGapMs) {
      const comps = new Map<string, Component[]>();
      for (const [orgId, list] of await statusInput(tx)) comps.set(orgId, components(list));
      await recordStatus(tx, comps, gap / 1000, at);
    }
    if (last === null || now > last) await writeMark(tx, "status.accounted", now);
    await writeMark(tx, "health.evaluated", now);
    return { skipped: false, nodes: rows.length, changed: writes.length, incidents };
  });
}

/** Since when passes have run without a gap (a gap restarts it); read by maintenance too. */
export async function watching(tx: Tx, now: number, gapMs: number): Promise<number> {
  const previous = await readMark(tx, "health.evaluated");
  const since = await readMark(tx, "health.watching");
  if (since !== null && previous !== null && Math.abs(now - previous) <= gapMs) return since;
  await writeMark(tx, "health.watching", now);
  return now;
}

const time = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());

function snapshotOfRow(r: Candidate): HealthSnapshot | null {
  if (r.h_status === null || r.since === null) return null;
  return {
    status: r.h_status,
    since: time(r.since) ?? 0,
    reasons: (r.reasons ?? []).map(fromStored),
    xidBaseline: r.xid_baseline ?? {},
    xidEvent: r.xid_event ? { ...r.xid_event, at: Date.parse(r.xid_event.at) } : null,
    maintenance: r.maintenance === true,
  };
}

/** The rules' input from stored telemetry (shared with the maintenance service). */
export function observation(r: {
  received_at: Date | string | null;
  interval_seconds: number | null;
  gpu_temp: number | null;
  hottest_gpu: number | null;
  ecc_uncorrected: number | string | null;
  ecc_gpu: number | null;
  xids: Record<string, number> | null;
  upstream_healthy: boolean | null;
  error_rate_pct: number | null;
}): HealthObservation {
  return {
    heardAt: time(r.received_at),
    intervalSeconds: r.interval_seconds ?? 10,
    gpuTemp: r.gpu_temp,
    hottestGpu: r.hottest_gpu,
    eccUncorrected: r.ecc_uncorrected === null ? null : Number(r.ecc_uncorrected),
    eccGpu: r.ecc_gpu,
    xids: r.xids ?? {},
    upstreamHealthy: r.upstream_healthy,
    errorRatePct: r.error_rate_pct,
  };
}

/** Sites whose nodes' changes make them lost (all monitored nodes offline) or no longer lost. */
async function siteLosses(
  tx: Tx,
  changes: { siteId: string; from: NodeStatus; to: NodeStatus }[],
): Promise<SiteChange[]> {
  const before = await siteCounts(tx);
  const monitored = (s: NodeStatus) => s !== "pending" && s !== "maintenance";
  const after = new Map<string, { monitored: number; offline: number }>();
  for (const c of changes) {
    const b = before.get(c.siteId);
    if (!b) continue;
    const a = after.get(c.siteId) ?? { monitored: b.monitored, offline: b.offline };
    a.monitored += Number(monitored(c.to)) - Number(monitored(c.from));
    a.offline += Number(c.to === "offline") - Number(c.from === "offline");
    after.set(c.siteId, a);
  }
  const out: SiteChange[] = [];
  for (const [siteId, a] of after) {
    const b = before.get(siteId);
    if (!b) continue;
    const wasLost = b.monitored > 0 && b.offline === b.monitored;
    const lost = a.monitored > 0 && a.offline === a.monitored;
    if (lost !== wasLost)
      out.push({ siteId, orgId: b.org_id, name: b.name, wasLost, lost, nodes: a.monitored });
  }
  return out;
}

async function writeHealth(
  tx: Tx,
  writes: HealthWrite[],
  changes: { id: string; to: NodeStatus }[],
) {
  for (let i = 0; i < writes.length; i += 500) {
    await tx.execute(sql`insert into node_health (node_id, org_id, status, since, reasons, xid_baseline, xid_event, updated_at)
      select node_id, org_id, status, since, reasons, xid_baseline, xid_event, updated_at
      from jsonb_to_recordset(${JSON.stringify(writes.slice(i, i + 500))}::jsonb) as x(node_id text, org_id text,
        status text, since timestamptz, reasons jsonb, xid_baseline jsonb, xid_event jsonb, updated_at timestamptz)
      on conflict (node_id) do update set status = excluded.status, since = excluded.since,
        reasons = excluded.reasons, xid_baseline = excluded.xid_baseline,
        xid_event = excluded.xid_event, updated_at = excluded.updated_at`);
  }
  for (let i = 0; i < changes.length; i += 500) {
    const values = changes.slice(i, i + 500).map((c) => ({ id: c.id, status: c.to }));
    await tx.execute(sql`update nodes set status = v.status
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id text, status text)
      where nodes.id = v.id`);
  }
}
