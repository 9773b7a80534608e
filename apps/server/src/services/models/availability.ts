import { regions } from "@edgeplane/contracts";
import type { Db } from "../context.ts";
import { fleetView } from "../gateway/fleet.ts";
import { candidateNodes, type LiveView } from "../gateway/route.ts";
import type { RegionAvailability } from "./views.ts";

/** Per upstream name: the regions where routing would find a candidate node now. */
export async function availabilityByUpstream(
  db: Db,
  orgId: string,
  upstreamNames: readonly string[],
  live: Pick<LiveView, "connected">,
): Promise<Map<string, RegionAvailability[]>> {
  const fleet = await fleetView(db).get(orgId);
  const out = new Map<string, RegionAvailability[]>();
  for (const name of new Set(upstreamNames)) {
    const found: RegionAvailability[] = [];
    for (const region of regions) {
      const nodes = candidateNodes(
        fleet,
        { regions: [region], residency: null },
        name,
        live,
      ).length;
      if (nodes > 0) found.push({ region, nodes });
    }
    out.set(name, found);
  }
  return out;
}
