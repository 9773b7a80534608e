import { z } from "@hono/zod-openapi";

export const usageRowSchema = z
  .object({
    day: z.string().openapi({ example: "2026-11-25", description: "UTC day" }),
    customerId: z.string(),
    customerName: z
      .string()
      .nullable()
      .openapi({ description: "Null once the customer is deleted" }),
    keyId: z.string(),
    keyStart: z.string().nullable(),
    keyName: z.string().nullable(),
    modelId: z.string(),
    model: z.string().openapi({ description: "The public model id" }),
    requests: z.number().int(),
    errors: z.number().int(),
    incomplete: z.number().int().openapi({ description: "Streams cut before they finished" }),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    totalTokens: z.number().int(),
    costUsd: z.number(),
  })
  .openapi("UsageRow");

export const usageSummarySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    requests: z.number().int(),
    errors: z.number().int(),
    incomplete: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costUsd: z.number(),
  })
  .openapi("UsageSummary");
