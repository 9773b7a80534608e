import { z } from "zod";
import {
  countryCodeSchema,
  futureInstant,
  type Region,
  regions,
  replacementExpiresAt,
} from "./fleet.ts";
import { newId } from "./ids.ts";
import { noControl, noControlMessage, text } from "./text.ts";

/* Customers, customer keys, the model catalogue, usage: the gateway's control-plane vocabulary. */

/** Gateway id prefixes; kept here so the fleet's closed prefix map stays untouched. */
export const gatewayIdPrefixes = { customer: "cus", customerKey: "ck", model: "mdl" } as const;
export type GatewayIdKind = keyof typeof gatewayIdPrefixes;

/** A prefixed, time-sortable id with the same body as `newId` (so it sorts the same way). */
export function newGatewayId(kind: GatewayIdKind, now: number = Date.now()): string {
  return `${gatewayIdPrefixes[kind]}_${newId("request", now).slice("req_".length)}`;
}

export function isGatewayId(kind: GatewayIdKind, value: string): boolean {
  return new RegExp(`^${gatewayIdPrefixes[kind]}_[1-9A-HJ-NP-Za-km-z]{22}$`).test(value);
}

export const gatewayIdOf = (kind: GatewayIdKind) =>
  z.string().refine((v) => isGatewayId(kind, v), `Must be a ${kind} id`);

export const slaTiers = ["standard", "priority", "dedicated"] as const;
export type SlaTier = (typeof slaTiers)[number];

export interface SlaTarget {
  label: string;
  /** Monthly availability target of the gateway for this customer. */
  availabilityPct: number;
  /** First-response targets by severity (FIELD-NOTES-BUSINESS.md, AWS-like). */
  responseMinutes: { critical: number; impaired: number; minor: number; question: number };
  coverage: string;
  /** Higher goes first when a node is saturated. */
  routingRank: number;
}

export const slaTargets: Record<SlaTier, SlaTarget> = {
  standard: {
    label: "Standard",
    availabilityPct: 99.5,
    responseMinutes: { critical: 60, impaired: 240, minor: 720, question: 1440 },
    coverage: "Business hours, critical 24×7",
    routingRank: 0,
  },
  priority: {
    label: "Priority",
    availabilityPct: 99.9,
    responseMinutes: { critical: 30, impaired: 120, minor: 480, question: 720 },
    coverage: "24×7",
    routingRank: 1,
  },
  dedicated: {
    label: "Dedicated",
    availabilityPct: 99.95,
    responseMinutes: { critical: 15, impaired: 60, minor: 240, question: 480 },
    coverage: "24×7 with a named customer engineer",
    routingRank: 2,
  },
};

export const supportTiers = ["basic", "business", "enterprise"] as const;
export type SupportTier = (typeof supportTiers)[number];

export const supportTierLabels: Record<SupportTier, string> = {
  basic: "Basic: e-mail, L1 triage",
  business: "Business: e-mail and chat, L2 escalation",
  enterprise: "Enterprise: named engineer, L3 escalation",
};

export const customerStatuses = ["active", "suspended"] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

export const modelKinds = ["chat", "embedding"] as const;
export type ModelKind = (typeof modelKinds)[number];

export const modelStatuses = ["active", "disabled"] as const;
export type ModelStatus = (typeof modelStatuses)[number];

export const customerKeyStates = ["active", "expired", "revoked"] as const;
export type CustomerKeyState = (typeof customerKeyStates)[number];

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max, `At most ${max} entries`)
    .refine((v) => new Set(v).size === v.length, "Entries must be unique");

export const regionList = uniqueList(z.enum(regions), regions.length).refine(
  (v) => v.length > 0,
  "Pick at least one region",
);
export const countryList = uniqueList(countryCodeSchema, 250).refine(
  (v) => v.length > 0,
  "Pick at least one country, or send null for no residency constraint",
);

export const publicModelId = z
  .string()
  .trim()
  .min(1, "Required")
  .max(128, "Must be at most 128 characters")
  .regex(/^(?:[A-Za-z0-9][A-Za-z0-9._:/-]*)?$/, "Letters, digits and . _ : / - only");

export const upstreamModelName = z
  .string()
  .trim()
  .min(1, "Required")
  .max(200, "Must be at most 200 characters")
  .regex(/^[\x21-\x7e]*$/, "Printable ASCII without spaces");

/** Control-plane inputs refuse unknown fields: a typo is a 400, not a silently ignored field. */
const customerFields = z.strictObject({
  name: text(120),
  contactName: text(120).nullable().optional(),
  contactEmail: z.email("Must be an e-mail address").max(254).nullable().optional(),
  supportTier: z.enum(supportTiers).optional(),
  slaTier: z.enum(slaTiers).optional(),
  allowedRegions: regionList.optional(),
  /** Countries where the customer's requests may be served; null: no residency constraint. */
  dataResidency: countryList.nullable().optional(),
  status: z.enum(customerStatuses).optional(),
  /** Free text; line breaks allowed, other control characters not. */
  notes: z
    .string()
    .max(2000)
    .regex(/^(?:[\n\t]|\P{Cc})*$/u, noControlMessage)
    .nullable()
    .optional(),
});

export const createCustomerInput = customerFields;
export type CreateCustomerInput = z.infer<typeof createCustomerInput>;

export const updateCustomerInput = customerFields
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });
export type UpdateCustomerInput = z.infer<typeof updateCustomerInput>;

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(100).regex(noControl, noControlMessage).optional(),
});

export const listCustomersQuery = pageQuery.extend({
  cursor: gatewayIdOf("customer").optional(),
  slaTier: z.enum(slaTiers).optional(),
  status: z.enum(customerStatuses).optional(),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

const keyLimits = z.strictObject({
  name: text(80).nullable().optional(),
  /** Public model ids this key may call; null or absent: every model of the catalogue. */
  models: uniqueList(publicModelId, 100).nullable().optional(),
  rpmLimit: z.number().int().min(1).max(1_000_000).nullable().optional(),
  tpmLimit: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
  monthlyTokenBudget: z.number().int().min(1).max(1e13).nullable().optional(),
  /** Narrows the customer's regions and residency for this key (never widens them). */
  regions: regionList.nullable().optional(),
  dataResidency: countryList.nullable().optional(),
});

export const createCustomerKeyInput = keyLimits.extend({ expiresAt: futureInstant.optional() });
export type CreateCustomerKeyInput = z.infer<typeof createCustomerKeyInput>;

export const updateCustomerKeyInput = keyLimits.refine((v) => Object.keys(v).length > 0, {
  message: "Nothing to update",
});
export type UpdateCustomerKeyInput = z.infer<typeof updateCustomerKeyInput>;

export const rotateCustomerKeyInput = z.strictObject({
  expiresAt: replacementExpiresAt,
  /** How long the old key keeps working (default 24 h); 0 ends it now. */
  gracePeriodSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .optional(),
});
export type RotateCustomerKeyInput = z.infer<typeof rotateCustomerKeyInput>;

export const listCustomerKeysQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: gatewayIdOf("customerKey").optional(),
  customerId: gatewayIdOf("customer").optional(),
  state: z.enum(customerKeyStates).optional(),
});
export type ListCustomerKeysQuery = z.infer<typeof listCustomerKeysQuery>;

const price = z.number().min(0).max(10_000);

const modelFields = z.strictObject({
  publicId: publicModelId,
  upstreamName: upstreamModelName,
  kind: z.enum(modelKinds),
  contextLength: z.number().int().min(1).max(10_000_000),
  /** US dollars per 1M tokens. */
  inputPricePerMTok: price,
  outputPricePerMTok: price,
  status: z.enum(modelStatuses).optional(),
});

export const createModelInput = modelFields;
export type CreateModelInput = z.infer<typeof createModelInput>;

export const updateModelInput = modelFields
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });
export type UpdateModelInput = z.infer<typeof updateModelInput>;

export const listModelsQuery = pageQuery.extend({
  cursor: gatewayIdOf("model").optional(),
  kind: z.enum(modelKinds).optional(),
  status: z.enum(modelStatuses).optional(),
});
export type ListModelsQuery = z.infer<typeof listModelsQuery>;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Must be a date, YYYY-MM-DD")
  .refine((v) => {
    const at = Date.parse(`${v}T00:00:00Z`);
    // Date.parse rolls 2026-02-30 over to March; Postgres would refuse it.
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(v);
  }, "Must be a real date");

export const maxUsageRangeDays = 366;

const usageFilters = z.object({
  /** First day (UTC), inclusive; default 30 days before `to`. */
  from: isoDay.optional(),
  /** Last day (UTC), inclusive; default today. */
  to: isoDay.optional(),
  customerId: gatewayIdOf("customer").optional(),
  keyId: gatewayIdOf("customerKey").optional(),
  model: publicModelId.optional(),
});

const rangeCheck = (v: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (!v.from || !v.to) return;
  const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000;
  if (days < 0) ctx.addIssue({ code: "custom", path: ["from"], message: "Must not be after to" });
  if (days >= maxUsageRangeDays)
    ctx.addIssue({ code: "custom", path: ["from"], message: "At most 366 days at once" });
};

export const usageQuery = usageFilters
  .extend({
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, "Malformed cursor")
      .optional(),
  })
  .superRefine(rangeCheck);
export type UsageQuery = z.infer<typeof usageQuery>;

export const usageExportQuery = usageFilters.superRefine(rangeCheck);
export type UsageExportQuery = z.infer<typeof usageExportQuery>;

/** Every region, as a key without a `regions` narrowing gets. */
export const allRegions: readonly Region[] = regions;

/** OpenAI's error body, as every `/api/v1` error is rendered. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}
