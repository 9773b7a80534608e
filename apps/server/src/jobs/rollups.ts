import type { Database } from "@edgeplane/db";
import { enforceRetention, type RetentionResult } from "../services/telemetry/retention.ts";
import { type RollupPass, runRollupPass } from "../services/telemetry/rollup.ts";
import { readMark, writeMark } from "../services/telemetry/sql.ts";
import type { OpsConfig } from "./config.ts";
import type { Job } from "./loop.ts";

export interface RollupTick extends RollupPass {
  retention: RetentionResult | null;
}

/** Rollups every pass; retention when its interval has passed (its mark is shared by replicas). */
export function rollupJob(database: Database, ops: OpsConfig): Job<RollupTick> {
  const db = database.db;
  const retention = { ...ops.retention, vacuum: database.kind === "pglite" };
  return {
    name: "rollup",
    async tick(now) {
      const pass = await runRollupPass(db, { graceMs: ops.rollup.graceMs }, now);
      if (pass.skipped) return { ...pass, retention: null };
      const last = await readMark(db, "retention.run");
      if (last !== null && now - last < ops.rollup.retentionIntervalMs) {
        return { ...pass, retention: null };
      }
      await db.transaction((tx) => writeMark(tx, "retention.run", now));
      return { ...pass, retention: await enforceRetention(db, retention, now) };
    },
  };
}
