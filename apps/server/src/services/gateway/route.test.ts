import {
  type NodeStatus,
  nodeStatuses,
  type Region,
  regionForCountry,
  regions,
} from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import { rng } from "../../testing/fuzz.ts";
import {
  candidateNodes,
  type FleetNode,
  type LiveView,
  type Placement,
  pickNode,
  placementAllows,
} from "./route.ts";

/* Residency as a property: over random fleets and keys, routing never leaves the placement. */

const countries = ["KE", "NG", "ZA", "DE", "FR", "GB", "US", "CA", "BR", "IN", "SG", "AE", "JP"];
const models = ["m-a", "m-b", "m-c"];

function subset<T>(r: ReturnType<typeof rng>, items: readonly T[], min = 0): T[] {
  const out = items.filter(() => r.next() < 0.4);
  while (out.length < min) out.push(r.pick(items));
  return [...new Set(out)];
}

function randomFleet(r: ReturnType<typeof rng>): { fleet: FleetNode[]; live: LiveView } {
  const fleet: FleetNode[] = [];
  const connected = new Set<string>();
  const outstanding = new Map<string, number>();
  const sites = 1 + r.int(8);
  for (let s = 0; s < sites; s++) {
    const country = r.pick(countries);
    // Operators may override a site's default region; routing must use what the site says.
    const region: Region = r.next() < 0.15 ? r.pick(regions) : regionForCountry(country);
    for (let n = 0, count = 1 + r.int(4); n < count; n++) {
      const nodeId = `node_${s}_${n}`;
      fleet.push({
        nodeId,
        siteId: `site_${s}`,
        country,
        region,
        status: r.pick<NodeStatus>(nodeStatuses),
        latencyEstimateMs: r.next() < 0.2 ? null : r.int(300),
        queueDepth: r.next() < 0.3 ? null : r.int(20),
        models: new Set(subset(r, models)),
      });
      if (r.next() < 0.8) connected.add(nodeId);
      outstanding.set(nodeId, r.int(50));
    }
  }
  return {
    fleet,
    live: {
      connected: (id) => connected.has(id),
      outstanding: (id) => outstanding.get(id) ?? 0,
      measuredLatencyMs: () => null,
    },
  };
}

function randomPlacement(r: ReturnType<typeof rng>): Placement {
  return {
    regions: subset(r, regions, 1),
    residency: r.next() < 0.4 ? null : subset(r, [...countries, "CH", "NO"], 1),
  };
}

describe("routing", () => {
  it("over 5,000 random fleets and keys, never picks a node outside residency or regions", () => {
    const r = rng(20261125);
    let routed = 0;
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const { fleet, live } = randomFleet(r);
      const placement = randomPlacement(r);
      const model = r.pick(models);
      const cands = candidateNodes(fleet, placement, model, live);
      const chosen = pickNode(cands, live, r.next);
      // The rule, restated independently of the implementation.
      const eligible = fleet.filter(
        (n) =>
          (n.status === "online" || n.status === "degraded") &&
          n.models.has(model) &&
          live.connected(n.nodeId) &&
          placement.regions.includes(n.region) &&
          (placement.residency === null || placement.residency.includes(n.country)),
      );
      const online = eligible.filter((n) => n.status === "online");
      const expected = online.length > 0 ? online : eligible;
      expect(new Set(cands.map((n) => n.nodeId))).toEqual(new Set(expected.map((n) => n.nodeId)));
      if (!chosen) {
        expect(expected).toEqual([]);
        refused++;
        continue;
      }
      routed++;
      expect(placementAllows(placement, chosen)).toBe(true);
      expect(expected).toContain(chosen);
    }
    // The generator exercises both outcomes in earnest.
    expect(routed).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it("prefers the node with the fewest requests ahead, weighted by latency", () => {
    const node = (nodeId: string, latencyEstimateMs: number, queueDepth: number): FleetNode => ({
      nodeId,
      siteId: "s",
      country: "KE",
      region: "africa",
      status: "online",
      latencyEstimateMs,
      queueDepth,
      models: new Set(["m"]),
    });
    const busy = new Map([["a", 10]]);
    const live: LiveView = {
      connected: () => true,
      outstanding: (id) => busy.get(id) ?? 0,
      measuredLatencyMs: () => null,
    };
    expect(pickNode([node("a", 10, 0), node("b", 10, 0)], live)?.nodeId).toBe("b");
    expect(pickNode([node("b", 10, 8), node("c", 10, 0)], live)?.nodeId).toBe("c");
    expect(pickNode([node("b", 200, 0), node("c", 10, 0)], live)?.nodeId).toBe("c");
    // Eleven requests ahead at 10 ms beat one at 400 ms.
    expect(pickNode([node("a", 10, 0), node("d", 400, 0)], live)?.nodeId).toBe("a");
  });

  it("uses degraded nodes only when no online node qualifies", () => {
    const live: LiveView = {
      connected: () => true,
      outstanding: () => 0,
      measuredLatencyMs: () => null,
    };
    const at = (nodeId: string, status: NodeStatus): FleetNode => ({
      nodeId,
      siteId: "s",
      country: "DE",
      region: "eu",
      status,
      latencyEstimateMs: status === "degraded" ? 1 : 100,
      queueDepth: 0,
      models: new Set(["m"]),
    });
    const p: Placement = { regions: ["eu"], residency: ["DE"] };
    const both = [at("d", "degraded"), at("o", "online"), at("x", "offline")];
    expect(candidateNodes(both, p, "m", live).map((n) => n.nodeId)).toEqual(["o"]);
    const degradedOnly = [at("d", "degraded"), at("x", "maintenance")];
    expect(candidateNodes(degradedOnly, p, "m", live).map((n) => n.nodeId)).toEqual(["d"]);
  });
});
