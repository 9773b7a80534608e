import { connectivityTiers, regions, siteStatuses, siteTypes } from "@edgeplane/contracts";
import { z } from "@hono/zod-openapi";
import { idParam, orgIdParam } from "../schemas.ts";

export const siteSchema = z
  .object({
    id: z.string().openapi({ example: "site_2a9Fq…" }),
    name: z.string(),
    city: z.string(),
    country: z.string().openapi({ example: "KE" }),
    countryName: z.string().openapi({ example: "Kenya" }),
    region: z.enum(regions),
    powerCapacityKw: z.number(),
    siteType: z.enum(siteTypes),
    connectivityTier: z.enum(connectivityTiers),
    energyPricePerKwh: z.number().nullable(),
    currency: z.string().nullable(),
    pue: z.number().nullable(),
    status: z.enum(siteStatuses),
    nodeCount: z.number().int(),
    power: z.object({
      capacityKw: z.number(),
      allocatedKw: z.number().openapi({ description: "Sum of the nodes' total draw" }),
      headroomKw: z.number().openapi({ description: "Negative when the site is over capacity" }),
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Site");

export const siteParams = orgIdParam.extend({ siteId: idParam("siteId") });
