import type { Database } from "@edgeplane/db";
import { type HealthPass, runHealthPass } from "../services/health/evaluate.ts";
import type { OpsConfig } from "./config.ts";
import type { Job } from "./loop.ts";

/** The health evaluator: offline detection needs a clock, not a sample, so it runs on its own. */
export function healthJob(database: Database, ops: OpsConfig): Job<HealthPass> {
  const options = {
    thresholds: ops.health,
    maxGapMs: Math.max(3 * ops.healthIntervalMs, 30_000),
    watchGapMs: Math.max(ops.health.offlineAfterMs / 2, 3 * ops.healthIntervalMs),
  };
  return {
    name: "health",
    tick: (now) => runHealthPass(database.db, options, now),
  };
}
