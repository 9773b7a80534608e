import {
  customerKeyStates,
  customerStatuses,
  regions,
  slaTiers,
  supportTiers,
} from "@edgeplane/contracts";
import { z } from "@hono/zod-openapi";
import { idParam, orgIdParam } from "../schemas.ts";

export const slaTargetSchema = z
  .object({
    label: z.string(),
    availabilityPct: z.number().openapi({ example: 99.9 }),
    responseMinutes: z.object({
      critical: z.number(),
      impaired: z.number(),
      minor: z.number(),
      question: z.number(),
    }),
    coverage: z.string(),
    routingRank: z.number().int(),
  })
  .openapi("SlaTarget");

export const customerSchema = z
  .object({
    id: z.string().openapi({ example: "cus_2a9Fq…" }),
    name: z.string(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    supportTier: z.enum(supportTiers),
    slaTier: z.enum(slaTiers),
    sla: slaTargetSchema,
    allowedRegions: z.array(z.enum(regions)),
    dataResidency: z
      .array(z.string())
      .nullable()
      .openapi({ description: "Countries allowed to serve; null: no residency constraint" }),
    status: z.enum(customerStatuses),
    notes: z.string().nullable(),
    activeKeys: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Customer");

export const customerParams = orgIdParam.extend({ customerId: idParam("customerId") });
export const customerKeyParams = customerParams.extend({ keyId: idParam("keyId") });

export const customerKeySchema = z
  .object({
    id: z.string().openapi({ example: "ck_2a9Fq…" }),
    customerId: z.string(),
    customer: z.object({ id: z.string(), name: z.string() }),
    name: z.string().nullable(),
    start: z.string().openapi({ description: "The key's first characters, for recognising it" }),
    state: z.enum(customerKeyStates),
    models: z
      .array(z.string())
      .nullable()
      .openapi({ description: "Public model ids allowed; null: the whole catalogue" }),
    rpmLimit: z.number().int().nullable(),
    tpmLimit: z.number().int().nullable(),
    monthlyTokenBudget: z.number().int().nullable(),
    regions: z.array(z.enum(regions)).nullable(),
    dataResidency: z.array(z.string()).nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: "Updated at most once a minute" }),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    replacedById: z.string().nullable(),
  })
  .openapi("CustomerKey");

export const issuedCustomerKeySchema = z
  .object({
    key: customerKeySchema,
    secret: z.string().openapi({
      example: "epk_4Nd…",
      description: "Shown once: only a hash and the start are stored",
    }),
  })
  .openapi("IssuedCustomerKey");

export const rotatedCustomerKeySchema = issuedCustomerKeySchema
  .extend({
    previous: z.object({
      id: z.string(),
      expiresAt: z.string().openapi({ description: "When the old key stops working" }),
    }),
  })
  .openapi("RotatedCustomerKey");
