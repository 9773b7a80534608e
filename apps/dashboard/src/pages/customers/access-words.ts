import {
  countryName,
  type Region,
  regionLabels,
  regions,
  type SlaTarget,
  type SlaTier,
  slaTargets,
  slaTiers,
} from "@edgeplane/contracts";

/* How the access model reads on screen: SLA targets, placement, limits and budgets. */

function number(value: number, locale?: string, maxFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** Support response times: "30 min", "2 h", "24 h". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60 || minutes % 60 !== 0) return `${minutes} min`;
  return `${minutes / 60} h`;
}

export function availabilityText(sla: SlaTarget, locale?: string): string {
  return `${number(sla.availabilityPct, locale, 3)} % availability`;
}

/** The first-response targets by severity, most urgent first. */
export function responseTargets(sla: SlaTarget): { severity: string; time: string }[] {
  const m = sla.responseMinutes;
  return [
    { severity: "Critical", time: formatMinutes(m.critical) },
    { severity: "Impaired", time: formatMinutes(m.impaired) },
    { severity: "Minor", time: formatMinutes(m.minor) },
    { severity: "Question", time: formatMinutes(m.question) },
  ];
}

/** One line for a tier: "Priority: 99.9 % availability, critical response in 30 min, 24×7". */
export function slaSummary(sla: SlaTarget, locale?: string): string {
  return `${sla.label}: ${availabilityText(sla, locale)}, critical response in ${formatMinutes(
    sla.responseMinutes.critical,
  )}, ${sla.coverage}`;
}

/** The tier's name as the option; its targets are said beside it (slaSummary). */
export const slaTierOptions = slaTiers.map((value: SlaTier) => ({
  value,
  label: slaTargets[value].label,
}));

export function regionsText(list: readonly Region[]): string {
  if (regions.every((r) => list.includes(r))) return "All regions";
  return list.map((r) => regionLabels[r]).join(", ");
}

/** Residency countries by name and code, or that there is no constraint. */
export function residencyText(codes: readonly string[] | null, locale?: string): string {
  if (codes === null || codes.length === 0) return "None: any country may serve";
  return codes.map((c) => `${countryName(c, locale)} (${c})`).join(", ");
}

export function rateLimitText(
  perMinute: number | null,
  unit: "requests" | "tokens",
  locale?: string,
) {
  return perMinute === null ? `No ${unit}/min limit` : `${number(perMinute, locale)} ${unit}/min`;
}

export function tokensText(tokens: number, locale?: string): string {
  return `${number(tokens, locale)} ${tokens === 1 ? "token" : "tokens"}`;
}

/** "12,345 of 1,000,000 tokens", "1 % used"; the share is capped for the bar, not for the words. */
export function budgetUse(used: number, budget: number, locale?: string) {
  const pct = budget > 0 ? (used / budget) * 100 : 0;
  return {
    text: `${number(used, locale)} of ${tokensText(budget, locale)}`,
    share: `${number(pct, locale)} % used`,
    pct: Math.min(pct, 100),
    color: pct >= 100 ? "red" : pct >= 80 ? "orange" : "teal",
  };
}

/** The first day of the current UTC month, as the gateway counts a monthly budget. */
export function monthStartDay(now = Date.now()): string {
  return `${new Date(now).toISOString().slice(0, 7)}-01`;
}
