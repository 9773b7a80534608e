import { describe, expect, it } from "vitest";
import { activeItem, allNavItems, navGroups } from "./nav.ts";

describe("navigation", () => {
  it("groups the runbook's pages as the runbook does", () => {
    const groups = Object.fromEntries(navGroups.map((g) => [g.label, g.items.map((i) => i.href)]));
    expect(groups).toEqual({
      Setup: ["/", "/onboarding", "/sites", "/nodes", "/nodes/keys"],
      Operate: [
        "/operator",
        "/status",
        "/observability",
        "/incidents",
        "/usage",
        "/billing-control",
      ],
      "Customers & partners": [
        "/pilot-room",
        "/partner-onboarding",
        "/partners/pipeline",
        "/site-owner",
        "/training",
        "/contracts",
        "/legal",
      ],
      "Customer API": ["/gateway", "/customers/keys"],
      "Go-live": [
        "/go-live",
        "/acceptance",
        "/risk-register",
        "/support",
        "/executive",
        "/board-metrics",
      ],
    });
  });

  it("gives every page a purpose line", () => {
    for (const item of allNavItems) expect(item.purpose, item.href).not.toBe("");
  });

  it("marks the most specific page active", () => {
    expect(activeItem("/nodes/keys")?.label).toBe("Node keys");
    expect(activeItem("/nodes")?.label).toBe("Nodes");
    expect(activeItem("/onboarding/site")?.label).toBe("Onboarding");
    expect(activeItem("/")?.label).toBe("Getting started");
    expect(activeItem("/nowhere")).toBeUndefined();
  });
});
