import type { UsageRow } from "../../api/usage.ts";
import { addDays, isDay } from "./usage-range.ts";

export interface DayPoint {
  day: string;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
}

/**
 * One point per UTC day of the range, oldest first. A day without rows is a real zero (nobody
 * called the gateway), unlike a telemetry gap, so it is filled in rather than left out.
 */
export function dailySeries(rows: readonly UsageRow[], from: string, to: string): DayPoint[] {
  const byDay = new Map<string, DayPoint>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    byDay.set(day, { day, requests: 0, errors: 0, inputTokens: 0, outputTokens: 0 });
  }
  for (const r of rows) {
    const p = byDay.get(r.day);
    if (!p) continue;
    p.requests += r.requests;
    p.errors += r.errors;
    p.inputTokens += r.inputTokens;
    p.outputTokens += r.outputTokens;
  }
  return [...byDay.values()];
}

export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** 1.2M, 35K: for tiles and axes, with the exact count beside or on hover. */
export function formatCompact(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

/** Dollars; cents to four places under $1 (a column lines up), sub-cent amounts as they are. */
export function formatUsd(usd: number, locale?: string): string {
  const abs = Math.abs(usd);
  const digits: Intl.NumberFormatOptions =
    abs === 0 || abs >= 1
      ? { maximumFractionDigits: 2, minimumFractionDigits: 2 }
      : abs >= 0.01
        ? { maximumFractionDigits: 4, minimumFractionDigits: 4 }
        : { maximumSignificantDigits: 2 };
  return new Intl.NumberFormat(locale, { style: "currency", currency: "USD", ...digits }).format(
    usd,
  );
}

/** Errors as a share of requests; "—" when there were none to fail. */
export function errorRate(errors: number, requests: number, locale?: string): string {
  if (requests === 0) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(
    errors / requests,
  );
}

/** "Tue 25 Nov" on axes, "25 Nov 2026" in the table: the day as the server counts it (UTC). */
export function formatDay(day: string, withYear: boolean, locale?: string): string {
  // Recharts also calls formatters with an empty label (a tooltip with no active point).
  if (!isDay(day)) return day;
  return new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : { weekday: "short" }),
  }).format(new Date(`${day}T00:00:00Z`));
}
