import {
  type IncidentView,
  type OperatorSummary,
  type Region,
  regionLabels,
} from "@edgeplane/contracts";
import { severitiesWorstFirst } from "../../lib/ops-states.ts";

/* The orders mission control lists things in: what needs someone most comes first. */

type AttentionRow = OperatorSummary["needsAttention"][number];
type SiteHealth = OperatorSummary["sites"][number];

/** Worst first, then oldest first: the incident that has waited longest leads its severity. */
export function worstFirst(incidents: IncidentView[]): IncidentView[] {
  const rank = (i: IncidentView) => severitiesWorstFirst.indexOf(i.severity);
  return [...incidents].sort(
    (a, b) => rank(a) - rank(b) || Date.parse(a.openedAt) - Date.parse(b.openedAt),
  );
}

/** Worst first, then the longest-suffering first. */
export function attentionOrder(rows: AttentionRow[]): AttentionRow[] {
  const rank = (r: AttentionRow) => severitiesWorstFirst.indexOf(r.severity);
  return [...rows].sort((a, b) => rank(a) - rank(b) || Date.parse(a.since) - Date.parse(b.since));
}

const stateRank: Record<SiteHealth["state"], number> = {
  major_outage: 0,
  partial_outage: 1,
  degraded_performance: 2,
  under_maintenance: 3,
  operational: 4,
};

/** Sites by region: trouble first (worst site state), then the contracts' region order and names. */
export function byRegion(sites: SiteHealth[]): [Region, SiteHealth[]][] {
  const groups = new Map<Region, SiteHealth[]>();
  for (const s of sites) groups.set(s.region, [...(groups.get(s.region) ?? []), s]);
  const order = Object.keys(regionLabels) as Region[];
  const worst = (list: SiteHealth[]) => Math.min(...list.map((s) => stateRank[s.state]));
  return [...groups.entries()]
    .sort(([a, la], [b, lb]) => worst(la) - worst(lb) || order.indexOf(a) - order.indexOf(b))
    .map(([region, list]) => [
      region,
      [...list].sort(
        (a, b) => stateRank[a.state] - stateRank[b.state] || a.name.localeCompare(b.name),
      ),
    ]);
}
