import type { IncidentView, OperatorSummary } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import { attentionOrder, byRegion, worstFirst } from "./ordering.ts";

type Site = OperatorSummary["sites"][number];
type Row = OperatorSummary["needsAttention"][number];

const counts = { total: 1, pending: 0, online: 1, degraded: 0, offline: 0, maintenance: 0 };
const site = (name: string, region: Site["region"], state: Site["state"]): Site => ({
  id: `site_${name}`,
  name,
  region,
  state,
  counts,
});

describe("mission control ordering", () => {
  it("puts critical incidents first, the longest-open first within a severity", () => {
    const incident = (id: string, severity: IncidentView["severity"], openedAt: string) =>
      ({ id, severity, openedAt }) as IncidentView;
    const sorted = worstFirst([
      incident("a", "minor", "2026-11-25T08:00:00Z"),
      incident("b", "critical", "2026-11-25T10:00:00Z"),
      incident("c", "major", "2026-11-25T09:00:00Z"),
      incident("d", "critical", "2026-11-25T09:30:00Z"),
    ]);
    expect(sorted.map((i) => i.id)).toEqual(["d", "b", "c", "a"]);
  });

  it("lists offline (critical) nodes before degraded ones", () => {
    const row = (name: string, severity: Row["severity"], since: string) =>
      ({ name, severity, since }) as Row;
    const sorted = attentionOrder([
      row("hot", "major", "2026-11-25T09:00:00Z"),
      row("gone", "critical", "2026-11-25T10:00:00Z"),
    ]);
    expect(sorted.map((r) => r.name)).toEqual(["gone", "hot"]);
  });

  it("groups sites by region, the region in trouble first", () => {
    const groups = byRegion([
      site("Nairobi B", "africa", "operational"),
      site("Frankfurt", "eu", "partial_outage"),
      site("Nairobi A", "africa", "operational"),
      site("Singapore", "asia-pacific", "operational"),
    ]);
    expect(groups.map(([region, list]) => [region, list.map((s) => s.name)])).toEqual([
      ["eu", ["Frankfurt"]],
      ["africa", ["Nairobi A", "Nairobi B"]],
      ["asia-pacific", ["Singapore"]],
    ]);
  });
});
