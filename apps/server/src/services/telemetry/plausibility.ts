import type { FieldError, TelemetryBatch } from "@edgeplane/contracts";

/**
 * Checks the wire contract leaves to the server: physical upper bounds (a finite 1e308 would
 * overflow a real column or every sum), control characters (Postgres text and jsonb refuse
 * NUL), and sample times within what raw storage keeps. Each failure names its field.
 */
const max = {
  mib: 4_194_304,
  watts: 10_000,
  mhz: 100_000,
  count: 1e12,
  xid: 1_000_000,
  bytes: 1e18,
  load: 1e6,
  requests: 1e9,
  tokens: 1e18,
  tokensPerSecond: 1e9,
};

const control = /\p{Cc}/u;

export interface TimeWindow {
  /** Samples older than this are past raw retention: nothing could keep them. */
  notBefore: number;
  /** A clock this far ahead of ours is wrong, and its samples would sit in the future. */
  notAfter: number;
}

export function implausibleFields(batch: TelemetryBatch, window: TimeWindow): FieldError[] {
  const errors: FieldError[] = [];
  const bound = (path: string, v: number | null | undefined, limit: number) => {
    if (v !== null && v !== undefined && v > limit) {
      errors.push({ path, message: `Must be at most ${limit}` });
    }
  };
  const clean = (path: string, v: string | null | undefined) => {
    if (v && control.test(v)) {
      errors.push({ path, message: "Must not contain control characters" });
    }
  };
  clean("agent.version", batch.agent.version);
  clean("agent.hostname", batch.agent.hostname);
  batch.samples.forEach((s, i) => {
    const p = `samples.${i}`;
    const at = Date.parse(s.at);
    if (Number.isNaN(at)) errors.push({ path: `${p}.at`, message: "Not a valid date-time" });
    else if (at < window.notBefore) {
      errors.push({ path: `${p}.at`, message: "Older than raw telemetry retention" });
    } else if (at > window.notAfter) {
      errors.push({ path: `${p}.at`, message: "In the future: check the node's clock (NTP)" });
    }
    s.gpus.forEach((g, j) => {
      const q = `${p}.gpus.${j}`;
      clean(`${q}.uuid`, g.uuid);
      clean(`${q}.name`, g.name);
      clean(`${q}.throttleReasons`, g.throttleReasons);
      bound(`${q}.memoryUsedMiB`, g.memoryUsedMiB, max.mib);
      bound(`${q}.memoryTotalMiB`, g.memoryTotalMiB, max.mib);
      bound(`${q}.powerW`, g.powerW, max.watts);
      bound(`${q}.powerLimitW`, g.powerLimitW, max.watts);
      bound(`${q}.smClockMHz`, g.smClockMHz, max.mhz);
      bound(`${q}.eccCorrected`, g.eccCorrected, max.count);
      bound(`${q}.eccUncorrected`, g.eccUncorrected, max.count);
      bound(`${q}.lastXid`, g.lastXid, max.xid);
    });
    const h = s.host;
    bound(`${p}.host.loadAvg1`, h.loadAvg1, max.load);
    for (const k of [
      "memoryUsedBytes",
      "memoryTotalBytes",
      "diskUsedBytes",
      "diskTotalBytes",
    ] as const) {
      bound(`${p}.host.${k}`, h[k], max.bytes);
    }
    const inf = s.inference;
    if (inf) {
      bound(`${p}.inference.requestsRunning`, inf.requestsRunning, max.requests);
      bound(`${p}.inference.requestsWaiting`, inf.requestsWaiting, max.requests);
      bound(`${p}.inference.promptTokensTotal`, inf.promptTokensTotal, max.tokens);
      bound(`${p}.inference.generationTokensTotal`, inf.generationTokensTotal, max.tokens);
      bound(`${p}.inference.tokensPerSecond`, inf.tokensPerSecond, max.tokensPerSecond);
      for (const [k, m] of inf.models.entries()) clean(`${p}.inference.models.${k}`, m);
    }
  });
  return errors;
}
