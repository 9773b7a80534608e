import { describe, expect, it } from "vitest";
import { modelPath, modelsPath } from "./models.ts";

describe("model catalogue paths", () => {
  it("scopes the catalogue to the org in the path", () => {
    expect(modelsPath("org_1ChQ")).toBe("/api/orgs/org_1ChQ/models");
    expect(modelPath("org_1ChQ", "mdl_2a9F")).toBe("/api/orgs/org_1ChQ/models/mdl_2a9F");
  });

  it("keeps an id inside its path segment", () => {
    expect(modelPath("org/../x", "mdl?y")).toBe("/api/orgs/org%2F..%2Fx/models/mdl%3Fy");
  });
});
