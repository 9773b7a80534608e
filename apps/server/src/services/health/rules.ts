import type { HealthReasonCode, IncidentSeverity, NodeStatus } from "@edgeplane/contracts";
import type { HealthThresholds } from "../../jobs/config.ts";
import { clockTime, duration } from "./wording.ts";

/**
 * The node health rules, in one place. Each condition enters at once and leaves only after it
 * has stayed clear for `recoverAfterMs` (and, for readings, below a lower clear threshold),
 * so a node hovering at a threshold does not flap. The state keeps every reason it has.
 */

export interface Reason {
  code: HealthReasonCode;
  severity: IncidentSeverity;
  message: string;
  since: number;
  /** When the condition stopped holding; the reason goes once it stays clear long enough. */
  clearingSince: number | null;
  /** The instant the message names (last telemetry, the XID), as data for incident events. */
  observedAt?: number;
}

export interface HealthSnapshot {
  status: NodeStatus;
  since: number;
  reasons: Reason[];
  /** GPU index → the last XID already seen: a different code is a new error. */
  xidBaseline: Record<string, number>;
  xidEvent: { gpu: number; code: number; at: number } | null;
  maintenance: boolean;
}

export interface HealthObservation {
  /** When the node was last heard from; null: never (the node is pending). */
  heardAt: number | null;
  /**
   * Since when the evaluator has been watching without a gap: after the control plane itself
   * was down, silence is counted from its return, not blamed on every node at once.
   */
  watchingSince?: number;
  intervalSeconds: number;
  gpuTemp: number | null;
  hottestGpu: number | null;
  eccUncorrected: number | null;
  eccGpu: number | null;
  xids: Record<string, number>;
  upstreamHealthy: boolean | null;
  errorRatePct: number | null;
}

export const reasonSeverity: Record<HealthReasonCode, IncidentSeverity> = {
  offline: "critical",
  heartbeat_late: "minor",
  gpu_temperature: "major",
  xid_error: "major",
  ecc_uncorrectable: "major",
  upstream_unhealthy: "major",
  error_rate: "minor",
};

/** A few well-known XIDs (NVIDIA's XID catalogue), named on the node page. */
const xidNames: Record<number, string> = {
  13: "graphics engine exception",
  31: "GPU memory page fault",
  43: "GPU stopped processing",
  48: "double-bit ECC error",
  63: "ECC page retirement or row remapping",
  64: "ECC page retirement or row remapper failure",
  74: "NVLink error",
  79: "GPU has fallen off the bus",
  92: "high single-bit ECC error rate",
  94: "contained ECC error",
  95: "uncontained ECC error",
  119: "GSP RPC timeout",
  120: "GSP error",
};

interface Condition {
  /** Starts the reason. */
  enter: boolean;
  /** Keeps an existing reason (the clear band: e.g. still ≥ 80 °C after entering at 85 °C). */
  hold: boolean;
  message: string;
  /** Readings-based: frozen while the node is offline (there is no fresh reading). */
  reading: boolean;
  observedAt?: number;
}

const round = (v: number) => Math.round(v * 10) / 10;

function conditions(
  obs: HealthObservation,
  xidEvent: HealthSnapshot["xidEvent"],
  t: HealthThresholds,
  now: number,
): Record<HealthReasonCode, Condition> {
  const heardAt = obs.heardAt ?? now;
  const silence = now - Math.max(heardAt, obs.watchingSince ?? heardAt);
  const lateAfter = t.lateIntervals * obs.intervalSeconds * 1000;
  const offline = silence > t.offlineAfterMs;
  const late = silence > lateAfter;
  const temp = obs.gpuTemp;
  const err = obs.errorRatePct;
  const xidActive = xidEvent !== null && now - xidEvent.at < t.xidHoldMs;
  const ecc = obs.eccUncorrected ?? 0;
  const at = (ms: number) => clockTime(ms, now);
  return {
    offline: {
      enter: offline,
      hold: offline,
      message: offline
        ? `No telemetry since ${at(heardAt)} (offline after ${duration(t.offlineAfterMs)} of silence)`
        : `Reporting again; confirming for ${duration(t.recoverAfterMs)} before marking it online`,
      reading: false,
      observedAt: heardAt,
    },
    heartbeat_late: {
      enter: late && !offline,
      hold: late,
      message: `Last telemetry at ${at(heardAt)}; expected every ${duration(obs.intervalSeconds * 1000)}`,
      reading: false,
      observedAt: heardAt,
    },
    gpu_temperature: {
      enter: temp !== null && temp >= t.gpuTempC,
      hold: temp !== null && temp >= t.gpuTempClearC,
      message: `GPU ${obs.hottestGpu ?? "?"} at ${round(temp ?? 0)} °C (degraded at ≥ ${t.gpuTempC} °C, clears below ${t.gpuTempClearC} °C)`,
      reading: true,
    },
    xid_error: {
      enter: xidActive,
      hold: xidActive,
      message: xidEvent
        ? `XID ${xidEvent.code} on GPU ${xidEvent.gpu}${xidNames[xidEvent.code] ? ` (${xidNames[xidEvent.code]})` : ""} at ${at(xidEvent.at)}`
        : "XID error",
      reading: false,
      observedAt: xidEvent?.at,
    },
    ecc_uncorrectable: {
      enter: ecc > 0,
      hold: ecc > 0,
      message: `${ecc} uncorrectable ECC error${ecc === 1 ? "" : "s"} since the driver loaded (GPU ${obs.eccGpu ?? "?"})`,
      reading: true,
    },
    upstream_unhealthy: {
      enter: obs.upstreamHealthy === false,
      hold: obs.upstreamHealthy === false,
      message: "The inference server is failing its health check",
      reading: true,
    },
    error_rate: {
      enter: err !== null && err > t.errorRatePct,
      hold: err !== null && err > t.errorRateClearPct,
      message: `Error rate ${round(err ?? 0)} % (degraded above ${t.errorRatePct} %, clears at ${t.errorRateClearPct} %)`,
      reading: true,
    },
  };
}

const order = Object.keys(reasonSeverity) as HealthReasonCode[];

/** The next health state of one node: pure, so every rule is tested with a table of cases. */
export function evaluateHealth(
  prev: HealthSnapshot | null,
  obs: HealthObservation,
  t: HealthThresholds,
  now: number,
): HealthSnapshot {
  const maintenance = prev?.maintenance ?? false;
  const base = {
    xidBaseline: prev?.xidBaseline ?? {},
    xidEvent: prev?.xidEvent ?? null,
    maintenance,
  };
  if (obs.heardAt === null) {
    const status: NodeStatus = maintenance ? "maintenance" : "pending";
    return { ...base, status, since: prev?.status === status ? prev.since : now, reasons: [] };
  }
  const offlineNow =
    now - Math.max(obs.heardAt, obs.watchingSince ?? obs.heardAt) > t.offlineAfterMs;
  let xidEvent = base.xidEvent;
  if (!offlineNow) {
    for (const [gpu, code] of Object.entries(obs.xids)) {
      if (base.xidBaseline[gpu] !== code) xidEvent = { gpu: Number(gpu), code, at: now };
    }
  }
  const c = conditions(obs, xidEvent, t, now);
  const reasons: Reason[] = [];
  for (const code of order) {
    const was = prev?.reasons.find((r) => r.code === code);
    const cond = c[code];
    if (cond.reading && offlineNow) {
      if (was) reasons.push(was);
      continue;
    }
    const observed = cond.observedAt === undefined ? {} : { observedAt: cond.observedAt };
    if (was && cond.hold) {
      reasons.push({ ...was, message: cond.message, clearingSince: null, ...observed });
    } else if (was) {
      const clearingSince = was.clearingSince ?? now;
      if (now - clearingSince < t.recoverAfterMs) {
        reasons.push({ ...was, message: cond.message, clearingSince, ...observed });
      }
    } else if (cond.enter) {
      reasons.push({
        code,
        severity: reasonSeverity[code],
        message: cond.message,
        since: now,
        clearingSince: null,
        ...observed,
      });
    }
  }
  // Offline supersedes a late heartbeat: one connectivity reason at a time.
  const kept = reasons.some((r) => r.code === "offline")
    ? reasons.filter((r) => r.code !== "heartbeat_late")
    : reasons;
  const status: NodeStatus = maintenance
    ? "maintenance"
    : kept.some((r) => r.code === "offline")
      ? "offline"
      : kept.length > 0
        ? "degraded"
        : "online";
  return {
    status,
    since: prev && prev.status === status ? prev.since : now,
    reasons: kept,
    xidBaseline: offlineNow ? base.xidBaseline : { ...obs.xids },
    xidEvent,
    maintenance,
  };
}

/** The worst severity among reasons, for "needs attention" ordering. */
export function worstSeverity(
  reasons: readonly { severity: IncidentSeverity }[],
): IncidentSeverity | null {
  const rank = { minor: 1, major: 2, critical: 3 } as const;
  let worst: IncidentSeverity | null = null;
  for (const r of reasons) if (!worst || rank[r.severity] > rank[worst]) worst = r.severity;
  return worst;
}
