import type { TelemetryAck, TelemetryBatch } from "@edgeplane/contracts";
import { AppError, UnauthorizedError, ValidationError } from "../../errors.ts";
import type { NodeKeyIdentity } from "../../keys/verifier.ts";
import { deriveMetrics, healthInputs } from "./metrics.ts";
import { implausibleFields } from "./plausibility.ts";
import type { ModelsReport } from "./served-models.ts";
import {
  IngestUnavailableError,
  type PreparedBatch,
  type RawRow,
  type TelemetryWriter,
} from "./writer.ts";

export interface IngestOptions {
  /** Raw retention: older samples are refused, nothing would keep them. */
  rawRetentionMs: number;
  /** A minute is rolled up this long after it ends; later samples are marked for a recompute. */
  rollupGraceMs: number;
}

const futureSkewMs = 5 * 60_000;
const minute = 60_000;

/** Stores a node's batch once it passes every check; answers after the write committed. */
export async function ingestTelemetry({
  writer,
  agent,
  batch,
  receivedAt,
  options,
}: {
  writer: TelemetryWriter;
  agent: NodeKeyIdentity;
  batch: TelemetryBatch;
  receivedAt: number;
  options: IngestOptions;
}): Promise<TelemetryAck> {
  const errors = implausibleFields(batch, {
    notBefore: receivedAt - options.rawRetentionMs,
    notAfter: receivedAt + futureSkewMs,
  });
  if (errors.length > 0) throw new ValidationError(errors);
  const prepared = prepare(agent, batch, receivedAt, options);
  try {
    return await writer.submit(prepared);
  } catch (err) {
    throw ingestError(err);
  }
}

export function prepare(
  agent: NodeKeyIdentity,
  batch: TelemetryBatch,
  receivedAt: number,
  options: Pick<IngestOptions, "rollupGraceMs">,
): PreparedBatch {
  const bySeq = new Map<number, TelemetryBatch["samples"][number]>();
  for (const s of batch.samples) if (!bySeq.has(s.seq)) bySeq.set(s.seq, s);
  const samples = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const rows: RawRow[] = samples.map((s) => ({
    nodeId: agent.nodeId,
    seq: s.seq,
    at: new Date(s.at),
    ...deriveMetrics(s, receivedAt),
  }));
  // Safety margin below the grace: a sample in a commit racing the rollup still gets marked.
  const lateAfter = Math.max(0, options.rollupGraceMs - 10_000);
  const late = new Set<number>();
  for (const r of rows) {
    const start = Math.floor(r.at.getTime() / minute) * minute;
    if (receivedAt >= start + minute + lateAfter) late.add(start);
  }
  const newest = samples[samples.length - 1] ?? batch.samples[0];
  const newestRow = rows[rows.length - 1];
  if (!newest || !newestRow) throw new ValidationError([{ path: "samples", message: "Required" }]);
  const { nodeId: _n, seq: _s, at: _a, ...metrics } = newestRow;
  return {
    nodeId: agent.nodeId,
    orgId: agent.orgId,
    receivedAt,
    agent: {
      version: batch.agent.version,
      hostname: batch.agent.hostname,
      simulated: batch.agent.simulated,
      intervalSeconds: batch.agent.intervalSeconds,
    },
    rows,
    repeatedInBatch: batch.samples.length - samples.length,
    newest: {
      seq: newest.seq,
      at: new Date(newest.at),
      noGpu: newest.noGpu,
      gpuCount: newest.gpus.length,
      metrics,
      health: healthInputs(newest),
    },
    lateMinutes: [...late],
    models: modelsReport(samples),
  };
}

/** The newest sample (by seq) that scraped the upstream: its model list is the current one. */
function modelsReport(samples: TelemetryBatch["samples"]): ModelsReport | null {
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i];
    if (s?.inference) return { names: s.inference.models, at: Date.parse(s.at) };
  }
  return null;
}

/** Storage trouble is the agent's cue to retry (503); a node deleted meanwhile is a dead key. */
function ingestError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (hasCode(err, "23503")) return new UnauthorizedError("The node of this key no longer exists");
  const detail =
    err instanceof IngestUnavailableError ? err.message : "Telemetry could not be stored";
  return new AppError("service_unavailable", `${detail}; retry later`, {
    headers: { "retry-after": "2" },
    cause: err,
  });
}

function hasCode(err: unknown, code: string): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}
