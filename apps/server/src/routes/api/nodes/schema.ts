import { nodeStatuses } from "@edgeplane/contracts";
import { z } from "@hono/zod-openapi";
import { idParam, orgIdParam } from "../schemas.ts";

export const acceleratorSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    vendor: z.enum(["NVIDIA", "AMD"]),
    boardPowerW: z.number(),
    memoryGb: z.number(),
    memoryType: z.string(),
  })
  .openapi("Accelerator");

export const nodeSchema = z
  .object({
    id: z.string().openapi({ example: "node_2a9Fq…" }),
    siteId: z.string(),
    siteName: z.string(),
    name: z.string(),
    externalId: z.string(),
    acceleratorType: z.string(),
    accelerator: acceleratorSchema.nullable(),
    gpuCount: z.number().int(),
    powerDrawW: z.number().int().openapi({ description: "The node's total draw at the wall" }),
    latencyEstimateMs: z.number().nullable(),
    status: z.enum(nodeStatuses),
    labels: z.record(z.string(), z.string()),
    capacityWarning: z
      .string()
      .nullable()
      .openapi({ description: "Why the site would be over its power capacity, if it is" }),
    lastSeenAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Node");

export const nodeParams = orgIdParam.extend({ nodeId: idParam("nodeId") });
