import type { Deps } from "../deps.ts";
import { healthJob } from "./health.ts";
import { type RunningLoop, startLoop } from "./loop.ts";
import { rollupJob } from "./rollups.ts";

/**
 * Starts the background jobs of a server process. Safe with N replicas: each pass takes a
 * Postgres advisory lock (pg_try_advisory_xact_lock) and a replica that does not get it skips
 * the pass; the writes are idempotent upserts and unique indexes besides.
 */
export function startJobs(deps: Deps): { stop(): Promise<void> } {
  const { ops } = deps.config;
  const loops: RunningLoop[] = [
    startLoop(healthJob(deps.database, ops), ops.healthIntervalMs, deps.log),
    startLoop(rollupJob(deps.database, ops), ops.rollup.intervalMs, deps.log),
  ];
  return {
    async stop() {
      await Promise.all(loops.map((l) => l.stop()));
    },
  };
}
