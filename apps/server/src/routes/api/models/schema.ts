import { modelKinds, modelStatuses, regions } from "@edgeplane/contracts";
import { z } from "@hono/zod-openapi";
import { idParam, orgIdParam } from "../schemas.ts";

export const modelSchema = z
  .object({
    id: z.string().openapi({ example: "mdl_2a9Fq…" }),
    publicId: z
      .string()
      .openapi({ example: "llama-3.1-8b", description: "What customers send as `model`" }),
    upstreamName: z.string().openapi({
      example: "meta-llama/Llama-3.1-8B-Instruct",
      description: "The name the nodes' inference servers know it by",
    }),
    kind: z.enum(modelKinds),
    contextLength: z.number().int(),
    inputPricePerMTok: z.number().openapi({ description: "US dollars per 1M input tokens" }),
    outputPricePerMTok: z.number().openapi({ description: "US dollars per 1M output tokens" }),
    status: z.enum(modelStatuses),
    availability: z
      .array(z.object({ region: z.enum(regions), nodes: z.number().int() }))
      .openapi({ description: "Regions with a connected node serving it now" }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Model");

export const modelParams = orgIdParam.extend({ modelId: idParam("modelId") });
