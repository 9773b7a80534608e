import { regions } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import type { Customer } from "../../api/customers.ts";
import {
  customerFormValues,
  customerRequest,
  parseCustomerForm,
  validateCustomerForm,
} from "./customer-form.ts";

const existing: Customer = {
  id: "cus_1111111111111111111111",
  name: "Acme Bank",
  contactName: "Wanjiru K.",
  contactEmail: "wanjiru@acme.example",
  supportTier: "business",
  slaTier: "priority",
  sla: {
    label: "Priority",
    availabilityPct: 99.9,
    responseMinutes: { critical: 30, impaired: 120, minor: 480, question: 720 },
    coverage: "24×7",
    routingRank: 1,
  },
  allowedRegions: ["africa"],
  dataResidency: ["KE"],
  status: "active",
  notes: null,
  activeKeys: 2,
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: "2026-11-01T00:00:00.000Z",
};

describe("customer form", () => {
  it("starts a new customer in every region with no residency constraint", () => {
    const v = customerFormValues();
    expect(v.allowedRegions).toEqual([...regions]);
    expect(parseCustomerForm({ ...v, name: " Acme Bank " })).toEqual({
      name: "Acme Bank",
      contactName: null,
      contactEmail: null,
      supportTier: "basic",
      slaTier: "standard",
      allowedRegions: [...regions],
      dataResidency: null,
      status: "active",
      notes: null,
    });
  });

  it("sends cleared fields as null, so an edit clears them", () => {
    const v = { ...customerFormValues(existing), contactName: "  ", dataResidency: [] };
    expect(customerRequest(v)).toMatchObject({
      contactName: null,
      contactEmail: "wanjiru@acme.example",
      dataResidency: null,
      allowedRegions: ["africa"],
    });
  });

  it("puts the schema's messages on the fields a user can change", () => {
    const errors = validateCustomerForm({
      ...customerFormValues(),
      contactEmail: "not-an-email",
      allowedRegions: [],
    });
    expect(Object.keys(errors).sort()).toEqual(["allowedRegions", "contactEmail", "name"]);
    expect(errors.name).toBe("Required");
    expect(errors.allowedRegions).toBe("Pick at least one region");
    expect(parseCustomerForm({ ...customerFormValues(), allowedRegions: [] })).toBeNull();
  });
});
