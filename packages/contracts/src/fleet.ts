import { z } from "zod";
import { type IdKind, isId } from "./ids.ts";
import { noControl, noControlMessage, text } from "./text.ts";

/* Sites, nodes and node keys: vocabularies, the accelerator catalogue, countries → regions. */

export const siteTypes = [
  "telecom_room",
  "university",
  "bank",
  "hospital",
  "industrial_park",
  "edge_room",
  "other",
] as const;
export type SiteType = (typeof siteTypes)[number];

export const siteTypeLabels: Record<SiteType, string> = {
  telecom_room: "Telecom room",
  university: "University",
  bank: "Bank",
  hospital: "Hospital",
  industrial_park: "Industrial park",
  edge_room: "Edge room",
  other: "Other",
};

export const connectivityTiers = ["tier_1", "tier_2", "tier_3", "tier_4"] as const;
export type ConnectivityTier = (typeof connectivityTiers)[number];

/** Our own definition (no industry standard exists): FIELD-NOTES-BUSINESS.md. */
export const connectivityTierDescriptions: Record<ConnectivityTier, string> = {
  tier_1: "One fixed line, or cellular only",
  tier_2: "One fibre with 4G/5G failover",
  tier_3: "Two fibres from different carriers (or fibre + fixed wireless) on separate routes",
  tier_4:
    "Two diverse fibres plus a third path (cellular or satellite), own IP space or BGP, out-of-band management",
};

export const siteStatuses = ["active", "commissioning", "retired"] as const;
export type SiteStatus = (typeof siteStatuses)[number];

/** `pending` until the agent first connects; health sets the others. */
export const nodeStatuses = ["pending", "online", "degraded", "offline", "maintenance"] as const;
export type NodeStatus = (typeof nodeStatuses)[number];

export const nodeKeyStates = ["active", "expired", "revoked"] as const;
export type NodeKeyState = (typeof nodeKeyStates)[number];

export const regions = [
  "eu",
  "europe",
  "north-america",
  "latin-america",
  "africa",
  "middle-east",
  "asia-pacific",
  "other",
] as const;
export type Region = (typeof regions)[number];

export const regionLabels: Record<Region, string> = {
  eu: "EU / EEA",
  europe: "Europe (outside the EEA)",
  "north-america": "North America",
  "latin-america": "Latin America and the Caribbean",
  africa: "Africa",
  "middle-east": "Middle East",
  "asia-pacific": "Asia-Pacific",
  other: "Other",
};

/**
 * Every ISO 3166-1 alpha-2 code, by default region. EU outermost regions (GF, GP, MQ, RE, YT,
 * MF) and Åland are EU territory; the Caucasus, Turkey and Russia default to `europe`.
 */
const countriesByRegion: Record<Region, string> = {
  eu: "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO AX GF GP MQ RE YT MF",
  europe: "GB CH AD MC SM VA AL BA ME MK RS UA MD BY RU GI GG JE IM FO SJ TR GE AM AZ",
  "north-america": "US CA BM GL PM UM",
  "latin-america":
    "MX BZ CR SV GT HN NI PA AG AI AW BB BL BQ BS CU CW DM DO GD HT JM KN KY LC MS PR SX TC TT VC VG VI AR BO BR CL CO EC FK GY PE PY SR UY VE GS",
  africa:
    "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW EH SH",
  "middle-east": "AE BH IL IQ IR JO KW LB OM PS QA SA SY YE",
  "asia-pacific":
    "AF BD BT IN LK MV NP PK CN HK MO TW JP KR KP MN BN KH ID LA MM MY PH SG TH TL VN KZ KG TJ TM UZ AU NZ PG FJ SB VU NC PF WF WS TO TV KI NR MH FM PW CK NU TK PN NF CX CC HM AS GU MP IO",
  other: "AQ BV TF",
};

const regionOfCountry: ReadonlyMap<string, Region> = new Map(
  regions.flatMap((r) => countriesByRegion[r].split(" ").map((code) => [code, r] as const)),
);

/** All ISO 3166-1 alpha-2 codes, sorted. */
export const countryCodes: readonly string[] = [...regionOfCountry.keys()].sort();

export function isCountryCode(code: string): boolean {
  return regionOfCountry.has(code);
}

/** The default region of a country (`other` for a code outside the table). */
export function regionForCountry(code: string): Region {
  return regionOfCountry.get(code.toUpperCase()) ?? "other";
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** A country's name in `locale` via Intl.DisplayNames; the code itself where the runtime lacks it. */
export function countryName(code: string, locale = "en"): string {
  let names = displayNames.get(locale);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([locale], { type: "region" });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  return names?.of(code) ?? code;
}

export interface Accelerator {
  id: string;
  label: string;
  vendor: "NVIDIA" | "AMD";
  boardPowerW: number;
  memoryGb: number;
  memoryType: string;
}

/** Common accelerators (FIELD-NOTES-BUSINESS.md); `acceleratorType` may also be free text. */
const catalogueRows: [string, string, Accelerator["vendor"], number, number, string][] = [
  ["nvidia-h100-sxm", "NVIDIA H100 SXM", "NVIDIA", 700, 80, "HBM3"],
  ["nvidia-h100-pcie", "NVIDIA H100 PCIe", "NVIDIA", 350, 80, "HBM2e"],
  ["nvidia-h200-sxm", "NVIDIA H200 SXM", "NVIDIA", 700, 141, "HBM3e"],
  ["nvidia-h200-pcie", "NVIDIA H200 PCIe", "NVIDIA", 600, 141, "HBM3e"],
  ["nvidia-a100-80gb", "NVIDIA A100 80GB", "NVIDIA", 400, 80, "HBM2e"],
  ["nvidia-l40s", "NVIDIA L40S", "NVIDIA", 350, 48, "GDDR6"],
  ["nvidia-l4", "NVIDIA L4", "NVIDIA", 72, 24, "GDDR6"],
  ["amd-mi300x", "AMD MI300X", "AMD", 750, 192, "HBM3"],
];

/** Common accelerators (FIELD-NOTES-BUSINESS.md); `acceleratorType` may also be free text. */
export const acceleratorCatalogue: readonly Accelerator[] = catalogueRows.map(
  ([id, label, vendor, boardPowerW, memoryGb, memoryType]) => ({
    id,
    label,
    vendor,
    boardPowerW,
    memoryGb,
    memoryType,
  }),
);

export function findAccelerator(type: string): Accelerator | undefined {
  const t = type.trim().toLowerCase();
  return acceleratorCatalogue.find((a) => a.id === t || a.label.toLowerCase() === t);
}

/** Host overhead on top of the boards (est.: 0.8–1.3 kW at the wall per 700 W part). */
export const hostPowerFactor = 1.4;

/** The suggested total draw of a node; undefined for an accelerator outside the catalogue. */
export function suggestPowerDrawW(acceleratorType: string, gpuCount: number): number | undefined {
  const a = findAccelerator(acceleratorType);
  return a ? Math.round(a.boardPowerW * gpuCount * hostPowerFactor) : undefined;
}

export const idOf = (kind: IdKind) =>
  z.string().refine((v) => isId(kind, v), `Must be a ${kind} id`);

export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, "Must be an ISO 3166-1 alpha-2 country code, e.g. KE");

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Must be an ISO 4217 currency code, e.g. EUR");

const siteFields = z.object({
  name: text(80),
  city: text(120),
  country: countryCodeSchema,
  region: z.enum(regions).optional(),
  powerCapacityKw: z.number().positive("Must be more than 0").max(1_000_000),
  siteType: z.enum(siteTypes),
  connectivityTier: z.enum(connectivityTiers),
  energyPricePerKwh: z.number().min(0).max(10_000).nullable().optional(),
  currency: currencySchema.nullable().optional(),
  pue: z.number().min(1, "A PUE is at least 1").max(5).nullable().optional(),
  status: z.enum(siteStatuses).optional(),
});

export const createSiteInput = siteFields.superRefine((v, ctx) => {
  if (v.energyPricePerKwh != null && !v.currency) {
    ctx.addIssue({ code: "custom", path: ["currency"], message: "Required with an energy price" });
  }
});
export type CreateSiteInput = z.infer<typeof createSiteInput>;

export const updateSiteInput = siteFields
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });
export type UpdateSiteInput = z.infer<typeof updateSiteInput>;

const labelKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$/, "Label keys: 1–63 of A–Z a–z 0–9 . _ / -");
export const labelsSchema = z
  .record(
    labelKey,
    z.string().max(256, "Must be at most 256 characters").regex(noControl, noControlMessage),
  )
  .refine((v) => Object.keys(v).length <= 32, "At most 32 labels");

const nodeFields = z.object({
  siteId: idOf("site"),
  name: text(80),
  externalId: text(128).regex(/^[\x21-\x7e]+$/, "Printable ASCII without spaces"),
  acceleratorType: text(80),
  gpuCount: z.number().int().min(1).max(64),
  powerDrawW: z.number().int().positive("Must be more than 0").max(200_000).optional(),
  latencyEstimateMs: z.number().min(0).max(60_000).nullable().optional(),
  labels: labelsSchema.optional(),
});

export const createNodeInput = nodeFields;
export type CreateNodeInput = z.infer<typeof createNodeInput>;

export const updateNodeInput = nodeFields
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update" });
export type UpdateNodeInput = z.infer<typeof updateNodeInput>;

const maxKeyLifetimeMs = 5 * 366 * 86_400_000;
/** A key's expiry: in the future, within 5 years. */
export const futureInstant = z.iso
  .datetime({ offset: true, message: "Must be an ISO 8601 date-time" })
  .superRefine((v, ctx) => {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return;
    if (at <= Date.now()) ctx.addIssue({ code: "custom", message: "Must be in the future" });
    else if (at > Date.now() + maxKeyLifetimeMs) {
      ctx.addIssue({ code: "custom", message: "Must be within 5 years" });
    }
  });

export const createNodeKeyInput = z.object({
  name: text(80).optional(),
  expiresAt: futureInstant.optional(),
});
export type CreateNodeKeyInput = z.infer<typeof createNodeKeyInput>;

export const defaultKeyGraceSeconds = 86_400;

/** A replacement key's expiry: absent keeps the replaced key's, null means it never expires. */
export const replacementExpiresAt = futureInstant.nullable().optional();

export const rotateNodeKeyInput = createNodeKeyInput.extend({
  expiresAt: replacementExpiresAt,
  /** How long the old key keeps working (default 24 h); 0 ends it now. */
  gracePeriodSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .optional(),
});
export type RotateNodeKeyInput = z.infer<typeof rotateNodeKeyInput>;

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset cursor: the `nextCursor` of the previous page. */
  cursor: z.string().max(64).optional(),
  q: z.string().trim().max(100).regex(noControl, noControlMessage).optional(),
});

export const listSitesQuery = pageQuery.extend({
  cursor: idOf("site").optional(),
  siteType: z.enum(siteTypes).optional(),
  country: countryCodeSchema.optional(),
  region: z.enum(regions).optional(),
  status: z.enum(siteStatuses).optional(),
});
export type ListSitesQuery = z.infer<typeof listSitesQuery>;

export const listNodesQuery = pageQuery.extend({
  cursor: idOf("node").optional(),
  siteId: idOf("site").optional(),
  status: z.enum(nodeStatuses).optional(),
  acceleratorType: z.string().trim().max(80).regex(noControl, noControlMessage).optional(),
});
export type ListNodesQuery = z.infer<typeof listNodesQuery>;

export const listNodeKeysQuery = pageQuery.omit({ q: true }).extend({
  cursor: idOf("nodeKey").optional(),
  nodeId: idOf("node").optional(),
  state: z.enum(nodeKeyStates).optional(),
});
export type ListNodeKeysQuery = z.infer<typeof listNodeKeysQuery>;
