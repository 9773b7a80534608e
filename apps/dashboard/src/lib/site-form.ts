import {
  type ConnectivityTier,
  type CreateSiteInput,
  connectivityTierDescriptions,
  connectivityTiers,
  countryCodes,
  countryName,
  createSiteInput,
  regionForCountry,
  regionLabels,
  regions,
  type SiteType,
  siteStatuses,
  siteTypeLabels,
  siteTypes,
} from "@edgeplane/contracts";
import { schemaResolver } from "@mantine/form";
import type { Site } from "../api/fleet-types.ts";
import { isBlank, numberOrNull, numberOrUndefined } from "./form-values.ts";
import { siteStatusStyles } from "./states.ts";

/** The runbook's commercial sites first, in its order; `other` last. */
export const siteTypeOptions = [...siteTypes.filter((t) => t !== "other"), "other" as const].map(
  (value) => ({ value, label: siteTypeLabels[value] }),
);

export function tierLabel(tier: ConnectivityTier): string {
  return `Tier ${tier.replace("tier_", "")}`;
}

export const tierOptions = connectivityTiers.map((value) => ({
  value,
  label: `${tierLabel(value)}: ${connectivityTierDescriptions[value]}`,
}));

export const regionOptions = regions.map((value) => ({ value, label: regionLabels[value] }));

export const siteStatusOptions = siteStatuses.map((value) => ({
  value,
  label: siteStatusStyles[value].label,
}));

/** Every ISO country by its name in the viewer's language; the value is the ISO code. */
export function countryOptions(locale?: string) {
  return countryCodes
    .map((value) => ({ value, label: countryName(value, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

export function siteTypeLabel(type: SiteType): string {
  return siteTypeLabels[type];
}

export interface SiteFormValues {
  name: string;
  city: string;
  country: string | null;
  region: string | null;
  powerCapacityKw: number | string;
  siteType: string | null;
  connectivityTier: string | null;
  energyPricePerKwh: number | string;
  currency: string;
  pue: number | string;
  status: string | null;
}

export function siteFormValues(site?: Site): SiteFormValues {
  return {
    name: site?.name ?? "",
    city: site?.city ?? "",
    country: site?.country ?? null,
    region: site?.region ?? null,
    powerCapacityKw: site?.powerCapacityKw ?? "",
    siteType: site?.siteType ?? null,
    connectivityTier: site?.connectivityTier ?? null,
    energyPricePerKwh: site?.energyPricePerKwh ?? "",
    currency: site?.currency ?? "",
    pue: site?.pue ?? "",
    status: site?.status ?? null,
  };
}

/** What the form would send; the contracts' schema decides whether it may. */
function candidate(v: SiteFormValues) {
  return {
    name: v.name,
    city: v.city,
    country: v.country ?? undefined,
    region: v.region ?? (v.country ? regionForCountry(v.country) : undefined),
    powerCapacityKw: numberOrUndefined(v.powerCapacityKw),
    siteType: v.siteType ?? undefined,
    connectivityTier: v.connectivityTier ?? undefined,
    energyPricePerKwh: numberOrNull(v.energyPricePerKwh),
    currency: v.currency.trim() === "" ? null : v.currency,
    pue: numberOrNull(v.pue),
    status: v.status ?? undefined,
  };
}

const resolve = schemaResolver(createSiteInput, { sync: true });

/** The server's schema, with plain sentences for the fields left empty. */
export function validateSiteForm(values: SiteFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(resolve(candidate(values)))) {
    errors[path] = String(message);
  }
  if (!values.country) errors.country = "Choose the country";
  if (!values.siteType) errors.siteType = "Choose the site type";
  if (!values.connectivityTier) errors.connectivityTier = "Choose the connectivity tier";
  if (isBlank(values.powerCapacityKw)) errors.powerCapacityKw = "Enter the power capacity in kW";
  return errors;
}

export function parseSiteForm(values: SiteFormValues): CreateSiteInput | null {
  const parsed = createSiteInput.safeParse(candidate(values));
  return parsed.success ? parsed.data : null;
}

export const siteFormFields = [
  "name",
  "city",
  "country",
  "region",
  "powerCapacityKw",
  "siteType",
  "connectivityTier",
  "energyPricePerKwh",
  "currency",
  "pue",
  "status",
] as const;
