import { describe, expect, it } from "vitest";
import {
  countryOptions,
  parseSiteForm,
  siteFormValues,
  siteTypeOptions,
  tierOptions,
  validateSiteForm,
} from "./site-form.ts";

const filled = {
  ...siteFormValues(),
  name: "Nairobi West Telecom Room",
  city: "Nairobi",
  country: "KE",
  powerCapacityKw: 40,
  siteType: "telecom_room",
  connectivityTier: "tier_2",
};

describe("site form", () => {
  it("offers the runbook's commercial sites first and other last", () => {
    expect(siteTypeOptions.map((o) => o.label)).toEqual([
      "Telecom room",
      "University",
      "Bank",
      "Hospital",
      "Industrial park",
      "Edge room",
      "Other",
    ]);
  });

  it("explains each connectivity tier", () => {
    expect(tierOptions[1]?.label).toBe("Tier 2: One fibre with 4G/5G failover");
  });

  it("shows countries by name with the ISO code as value", () => {
    const options = countryOptions("en");
    expect(options.find((o) => o.value === "KE")?.label).toBe("Kenya");
    expect(options.length).toBeGreaterThan(240);
    const labels = options.map((o) => o.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "en")));
  });

  it("says in words what an empty form lacks", () => {
    expect(validateSiteForm(siteFormValues())).toMatchObject({
      name: "Required",
      city: "Required",
      country: "Choose the country",
      siteType: "Choose the site type",
      connectivityTier: "Choose the connectivity tier",
      powerCapacityKw: "Enter the power capacity in kW",
    });
  });

  it("uses the contracts' rules for the rest", () => {
    expect(validateSiteForm({ ...filled, pue: 0.8 })).toEqual({ pue: "A PUE is at least 1" });
    expect(validateSiteForm({ ...filled, energyPricePerKwh: 0.12 })).toEqual({
      currency: "Required with an energy price",
    });
    expect(validateSiteForm({ ...filled, powerCapacityKw: 0 })).toEqual({
      powerCapacityKw: "Must be more than 0",
    });
  });

  it("derives the region from the country unless one was chosen", () => {
    expect(parseSiteForm(filled)).toMatchObject({
      country: "KE",
      region: "africa",
      energyPricePerKwh: null,
      currency: null,
      pue: null,
    });
    expect(parseSiteForm({ ...filled, region: "eu" })?.region).toBe("eu");
    expect(
      parseSiteForm({ ...filled, energyPricePerKwh: 0.12, currency: "eur", pue: 1.4 }),
    ).toMatchObject({ energyPricePerKwh: 0.12, currency: "EUR", pue: 1.4 });
  });
});
