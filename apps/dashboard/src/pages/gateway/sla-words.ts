import {
  type SlaTier,
  type SupportTier,
  slaTargets,
  slaTiers,
  supportTierLabels,
  supportTiers,
} from "@edgeplane/contracts";

/** "15 min", "1 h", "12 h", "1 day": first-response targets as support teams write them. */
export function formatResponseTime(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes % 1440 === 0) return minutes === 1440 ? "1 day" : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const ordinals = ["first", "second", "third", "fourth"];

export interface SlaRow {
  tier: SlaTier;
  label: string;
  availability: string;
  critical: string;
  impaired: string;
  minor: string;
  question: string;
  coverage: string;
  /** Where the tier's requests stand in a saturated node's queue. */
  queue: string;
}

/** The contracts' SLA targets, highest tier first, as the table shows them. */
export function slaRows(): SlaRow[] {
  const byRank = [...slaTiers].sort(
    (a, b) => slaTargets[b].routingRank - slaTargets[a].routingRank,
  );
  return byRank.map((tier, i) => {
    const t = slaTargets[tier];
    return {
      tier,
      label: t.label,
      availability: `${t.availabilityPct}%`,
      critical: formatResponseTime(t.responseMinutes.critical),
      impaired: formatResponseTime(t.responseMinutes.impaired),
      minor: formatResponseTime(t.responseMinutes.minor),
      question: formatResponseTime(t.responseMinutes.question),
      coverage: t.coverage,
      queue: i === byRank.length - 1 ? "last" : (ordinals[i] ?? `${i + 1}th`),
    };
  });
}

export interface SupportRow {
  tier: SupportTier;
  name: string;
  /** Channel and who answers, from the contracts' label ("e-mail, L1 triage"). */
  responds: string;
}

/** The contracts' support tiers: "Business: e-mail and chat, L2 escalation" → name + who. */
export function supportRows(): SupportRow[] {
  return supportTiers.map((tier) => {
    const label = supportTierLabels[tier];
    const at = label.indexOf(":");
    return at < 0
      ? { tier, name: label, responds: "" }
      : { tier, name: label.slice(0, at), responds: label.slice(at + 1).trim() };
  });
}
