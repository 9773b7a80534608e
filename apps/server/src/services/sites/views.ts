import type { SiteView } from "@edgeplane/contracts";
import { countryName } from "@edgeplane/contracts";
import type { schema } from "@edgeplane/db";

type SiteRow = typeof schema.sites.$inferSelect;

export interface SiteUsage {
  nodeCount: number;
  /** Sum of the nodes' total draw, in watts. */
  drawW: number;
}

export const noUsage: SiteUsage = { nodeCount: 0, drawW: 0 };

const kw = (n: number) => Math.round(n * 1000) / 1000;

export function siteView(row: SiteRow, usage: SiteUsage): SiteView {
  const allocatedKw = usage.drawW / 1000;
  return {
    id: row.id,
    name: row.name,
    city: row.city,
    country: row.country,
    countryName: countryName(row.country),
    region: row.region,
    powerCapacityKw: row.powerCapacityKw,
    siteType: row.siteType,
    connectivityTier: row.connectivityTier,
    energyPricePerKwh: row.energyPricePerKwh,
    currency: row.currency,
    pue: row.pue,
    status: row.status,
    nodeCount: usage.nodeCount,
    power: {
      capacityKw: row.powerCapacityKw,
      allocatedKw: kw(allocatedKw),
      headroomKw: kw(row.powerCapacityKw - allocatedKw),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type { SiteView };
