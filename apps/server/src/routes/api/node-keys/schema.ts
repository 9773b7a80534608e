import { nodeKeyStates } from "@edgeplane/contracts";
import { z } from "@hono/zod-openapi";
import { nodeParams } from "../nodes/schema.ts";
import { idParam } from "../schemas.ts";

export const nodeKeySchema = z
  .object({
    id: z.string().openapi({ example: "nk_2a9Fq…" }),
    nodeId: z.string(),
    node: z.object({ id: z.string(), name: z.string(), externalId: z.string() }),
    name: z.string().nullable(),
    start: z.string().openapi({ description: "The key's first characters, for recognising it" }),
    state: z.enum(nodeKeyStates),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: "Updated at most once a minute" }),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    replacedById: z.string().nullable(),
  })
  .openapi("NodeKey");

export const issuedKeySchema = z
  .object({
    key: nodeKeySchema,
    secret: z.string().openapi({
      example: "epn_4Nd…",
      description: "Shown once: only a hash and the start are stored",
    }),
  })
  .openapi("IssuedNodeKey");

export const rotatedKeySchema = issuedKeySchema
  .extend({
    previous: z.object({
      id: z.string(),
      expiresAt: z.string().openapi({ description: "When the old key stops working" }),
    }),
  })
  .openapi("RotatedNodeKey");

export const keyParams = nodeParams.extend({ keyId: idParam("keyId") });

/** An optional JSON body: none at all reads as `{}`. */
export const optionalBody = <T extends z.ZodType>(schema: T) => ({
  required: false,
  content: { "application/json": { schema } },
});
