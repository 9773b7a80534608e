import { describe, expect, it } from "vitest";
import {
  availabilityLines,
  catalogueEditors,
  formatContext,
  formatPricePerMTok,
  servingVerdict,
} from "./model-words.ts";

describe("model words", () => {
  it("names each region with its node count, in the regions' order", () => {
    expect(
      availabilityLines([
        { region: "africa", nodes: 2 },
        { region: "eu", nodes: 1 },
        { region: "asia-pacific", nodes: 0 },
      ]),
    ).toEqual(["EU / EEA: 1 node", "Africa: 2 nodes"]);
  });

  it("says plainly when customers cannot call a model", () => {
    expect(servingVerdict({ status: "active", availability: [] })).toEqual({
      available: false,
      summary:
        "Unavailable: no connected node serves it in any region, so requests get 503 no_capacity_in_region.",
    });
    expect(
      servingVerdict({ status: "disabled", availability: [{ region: "eu", nodes: 3 }] }).summary,
    ).toContain("404 model_not_found");
    expect(
      servingVerdict({
        status: "active",
        availability: [
          { region: "eu", nodes: 3 },
          { region: "africa", nodes: 1 },
        ],
      }),
    ).toMatchObject({ available: true, summary: expect.stringContaining("4 nodes in 2 regions") });
  });

  it("formats context lengths and prices per 1M tokens", () => {
    expect(formatContext(131072, "en")).toBe("128K");
    expect(formatContext(100000, "en")).toBe("100,000");
    expect(formatPricePerMTok(0.05, "en-US")).toBe("$0.05");
    expect(formatPricePerMTok(1.1, "en-US")).toBe("$1.10");
    expect(formatPricePerMTok(0.0125, "en-US")).toBe("$0.0125");
    expect(formatPricePerMTok(0, "en-US")).toBe("free");
  });

  it("names the roles the permission map lets edit the catalogue", () => {
    expect(catalogueEditors()).toBe("Owner, Admin, Operator or Customer engineer");
  });
});
