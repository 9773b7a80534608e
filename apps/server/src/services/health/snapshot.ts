import type { schema } from "@edgeplane/db";
import type { StoredReason } from "@edgeplane/db/schema";
import type { HealthSnapshot, Reason } from "./rules.ts";

type HealthRow = typeof schema.nodeHealth.$inferSelect;

export function fromStored(r: StoredReason): Reason {
  return {
    code: r.code as Reason["code"],
    severity: r.severity,
    message: r.message,
    since: Date.parse(r.since),
    clearingSince: r.clearingSince ? Date.parse(r.clearingSince) : null,
  };
}

export function toStored(r: Reason): StoredReason {
  return {
    code: r.code,
    severity: r.severity,
    message: r.message,
    since: new Date(r.since).toISOString(),
    clearingSince: r.clearingSince === null ? null : new Date(r.clearingSince).toISOString(),
  };
}

export function snapshotOf(h: HealthRow): HealthSnapshot {
  return {
    status: h.status,
    since: h.since.getTime(),
    reasons: h.reasons.map(fromStored),
    xidBaseline: h.xidBaseline,
    xidEvent: h.xidEvent ? { ...h.xidEvent, at: Date.parse(h.xidEvent.at) } : null,
    maintenance: h.maintenance,
  };
}

/** The columns a snapshot writes (maintenance details are the maintenance service's). */
export function healthColumns(s: HealthSnapshot) {
  return {
    status: s.status,
    since: new Date(s.since),
    reasons: s.reasons.map(toStored),
    xidBaseline: s.xidBaseline,
    xidEvent: s.xidEvent ? { ...s.xidEvent, at: new Date(s.xidEvent.at).toISOString() } : null,
  };
}

export function sameSnapshot(a: HealthSnapshot, b: HealthSnapshot): boolean {
  return JSON.stringify(healthColumns(a)) === JSON.stringify(healthColumns(b));
}

/** Whether incidents could change: the set of reasons (code and severity) or maintenance. */
export function incidentRelevant(a: HealthSnapshot | null, b: HealthSnapshot): boolean {
  const key = (s: HealthSnapshot) =>
    `${s.maintenance}|${s.reasons.map((r) => `${r.code}:${r.severity}`).join(",")}`;
  return a === null ? b.reasons.length > 0 : key(a) !== key(b);
}
