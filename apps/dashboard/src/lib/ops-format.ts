import {
  metricInfo,
  type SeriesRange,
  type SeriesScope,
  type TelemetryMetric,
} from "@edgeplane/contracts";

/* Telemetry, durations and uptime as operators read them: values with units, in the viewer's locale. */

function format(value: number, digits: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

export interface MetricDisplay {
  label: string;
  /** The unit shown on the axis and after values (may differ from the stored one). */
  unit: string;
  /** From the stored unit (contracts' metricInfo) to the shown one. */
  scale: number;
  digits: number;
  /** A count: its axis gets no fractional ticks. */
  whole?: boolean;
}

export const metricDisplay: Record<TelemetryMetric, MetricDisplay> = {
  gpu_utilization: { label: "GPU utilization", unit: "%", scale: 1, digits: 0 },
  gpu_memory_used: { label: "GPU memory used", unit: "GiB", scale: 1 / 1024, digits: 1 },
  gpu_temperature: { label: "GPU temperature", unit: "°C", scale: 1, digits: 0 },
  power: { label: "GPU power", unit: "W", scale: 1, digits: 0 },
  tokens_per_second: { label: "Tokens/s", unit: "tokens/s", scale: 1, digits: 0 },
  queue_depth: { label: "Queue depth", unit: "requests", scale: 1, digits: 1, whole: true },
  heartbeat_lag: { label: "Heartbeat lag", unit: "ms", scale: 1, digits: 0 },
};

/** Two significant digits below 1 (up to 3 decimals), so 0.04 requests is not "0 requests". */
function significant(value: number, digits: number, locale?: string): string {
  const abs = Math.abs(value);
  const small = abs > 0 && abs < 1 ? Math.min(3, 1 - Math.floor(Math.log10(abs))) : 0;
  return format(value, Math.max(digits, small), locale);
}

/** A stored value in its shown unit: "71 %", "37.2 GiB", "0.25 requests", "—" for none. */
export function formatMetric(metric: TelemetryMetric, raw: number | null, locale?: string): string {
  if (raw === null) return "—";
  return formatShown(metric, raw * metricDisplay[metric].scale, locale);
}

/** A number already in its shown unit, for chart tooltips and latest values. */
export function formatShown(metric: TelemetryMetric, shown: number, locale?: string): string {
  // A lag of seconds or hours (an agent replaying its buffer) reads as such, not as 7,200,000 ms.
  if (metric === "heartbeat_lag" && shown >= 1000) {
    return shown < 60_000 ? `${format(shown / 1000, 1, locale)} s` : formatDuration(shown);
  }
  const d = metricDisplay[metric];
  return `${significant(shown, d.digits, locale)} ${d.unit}`;
}

/**
 * Y-axis tick labels that stay distinct. Recharts splits [0, max] into 4 steps whose mantissa
 * has at most two significant digits (0.03, 2.5, 75), so labels get the decimals such a step
 * needs; from 1,000 up they are compact (1.2K) with the decimals counted in K or M.
 */
export function axisTickFormatter(
  values: readonly (number | null)[],
  locale?: string,
): (tick: number) => string {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const top = Math.max(-lo, hi);
  const unit = top >= 1e6 ? 1e6 : top >= 1e3 ? 1e3 : 1;
  const step = (hi - lo) / 4 / unit;
  const digits = step > 0 ? Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(step)))) : 0;
  const nf = new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
    notation: unit > 1 ? "compact" : "standard",
  });
  return (tick) => nf.format(tick);
}

const acrossNodes: Record<TelemetryMetric, string> = {
  gpu_utilization: "each node's GPU mean",
  gpu_memory_used: "each node's GPU total",
  gpu_temperature: "each node's hottest GPU",
  power: "each node's GPU total",
  tokens_per_second: "each node's tokens/s",
  queue_depth: "each node's queue",
  heartbeat_lag: "each node's heartbeat lag",
};

/** What a chart's value is: one node's reading, or per node then min/avg/max across nodes. */
export function metricHow(metric: TelemetryMetric, scope: SeriesScope): string {
  if (scope === "node") return metricInfo[metric].how;
  return `${acrossNodes[metric]}, across the ${scope}`;
}

export interface ChartRow {
  t: string;
  min: number | null;
  avg: number | null;
  max: number | null;
}

/** Series points in the shown unit; a bucket without samples stays a gap, not a zero. */
export function chartRows(
  metric: TelemetryMetric,
  points: {
    t: string;
    min: number | null;
    avg: number | null;
    max: number | null;
    samples: number;
  }[],
): ChartRow[] {
  const { scale } = metricDisplay[metric];
  const s = (v: number | null) => (v === null ? null : v * scale);
  return points.map((p) =>
    p.samples === 0
      ? { t: p.t, min: null, avg: null, max: null }
      : { t: p.t, min: s(p.min), avg: s(p.avg), max: s(p.max) },
  );
}

/** Tick labels short enough for the range: clock time within a day, dates beyond. */
export function timeTick(iso: string, range: SeriesRange, locale?: string): string {
  const at = new Date(iso);
  if (range === "1h" || range === "24h") {
    return at.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  }
  if (range === "7d") {
    return at.toLocaleString(locale, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  }
  return at.toLocaleDateString(locale, { day: "numeric", month: "short" });
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** A share of time up (0–1) as a percentage; nothing observed says so. */
export function formatUptime(uptime: number | null, locale?: string): string {
  if (uptime === null) return "No data";
  const pct = uptime * 100;
  // 99.95 % must not round up to 100 %: only a full day up shows 100.
  const digits = pct === 100 ? 0 : pct >= 99 ? 2 : 1;
  const floored = Math.floor(pct * 10 ** digits) / 10 ** digits;
  return `${format(floored, digits, locale)} %`;
}

/** One day's bar colour, by downtime (OpenStatus weights folded into the uptime value). */
export function uptimeColor(uptime: number | null): string {
  if (uptime === null) return "gray";
  if (uptime >= 1) return "green";
  if (uptime >= 0.99) return "lime";
  if (uptime >= 0.95) return "yellow";
  if (uptime >= 0.8) return "orange";
  return "red";
}
