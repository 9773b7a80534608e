import { isGatewayId, maxUsageRangeDays, publicModelId } from "@edgeplane/contracts";
import type { UsageFilters } from "../../api/usage.ts";

/* The page's filters as the URL keeps them, read leniently: a typo shows defaults, not a 400. */

export const usagePresets = ["7d", "30d", "90d"] as const;
export type UsagePreset = (typeof usagePresets)[number];
export const defaultPreset: UsagePreset = "30d";

const presetDays: Record<UsagePreset, number> = { "7d": 7, "30d": 30, "90d": 90 };
const dayMs = 86_400_000;

export const utcToday = (now: number) => new Date(now).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** A real calendar day in YYYY-MM-DD (2026-02-30 is not). */
export function isDay(value: string | null): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const at = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().startsWith(value);
}

/** Inclusive count of days from `from` to `to`. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs) + 1;

/** The last `preset` UTC days, today included (the server's days are UTC). */
export function presetRange(preset: UsagePreset, now: number): { from: string; to: string } {
  const to = utcToday(now);
  return { from: addDays(to, 1 - presetDays[preset]), to };
}

/** A custom range the API accepts: both ends real days, in order, shorter than its limit. */
export function isValidRange(from: string | null, to: string | null): boolean {
  if (!isDay(from) || !isDay(to) || from > to) return false;
  return daysBetween(from, to) <= maxUsageRangeDays;
}

export interface UsageParams {
  range: string | null;
  from: string | null;
  to: string | null;
  customer: string | null;
  key: string | null;
  model: string | null;
}

export interface ResolvedUsage {
  filters: UsageFilters;
  /** The preset shown as chosen; null for a custom from/to. */
  preset: UsagePreset | null;
  /** Customer, key or model narrows the rows (the range alone does not). */
  narrowed: boolean;
}

/** URL values → API filters: a valid from/to wins over a preset; unknown ids are dropped. */
export function resolveUsageParams(p: UsageParams, now: number): ResolvedUsage {
  const preset = (usagePresets as readonly string[]).includes(p.range ?? "")
    ? (p.range as UsagePreset)
    : defaultPreset;
  const custom = isValidRange(p.from, p.to);
  const range = custom ? { from: p.from ?? "", to: p.to ?? "" } : presetRange(preset, now);
  const customerId = p.customer && isGatewayId("customer", p.customer) ? p.customer : null;
  const keyId = p.key && isGatewayId("customerKey", p.key) ? p.key : null;
  const model = p.model && publicModelId.safeParse(p.model).success ? p.model : null;
  return {
    filters: { ...range, customerId, keyId, model },
    preset: custom ? null : preset,
    narrowed: Boolean(customerId || keyId || model),
  };
}
