import {
  type CreateCustomerInput,
  type CustomerStatus,
  createCustomerInput,
  customerStatuses,
  regions,
  supportTierLabels,
  supportTiers,
} from "@edgeplane/contracts";
import { schemaResolver } from "@mantine/form";
import type { Customer } from "../../api/customers.ts";
import { byField } from "./form-errors.ts";

export interface CustomerFormValues {
  name: string;
  contactName: string;
  contactEmail: string;
  supportTier: string | null;
  slaTier: string | null;
  allowedRegions: string[];
  /** Empty: no residency constraint (sent as null). */
  dataResidency: string[];
  status: string | null;
  notes: string;
}

export const customerFormFields = [
  "name",
  "contactName",
  "contactEmail",
  "supportTier",
  "slaTier",
  "allowedRegions",
  "dataResidency",
  "status",
  "notes",
] as const;

export const supportTierOptions = supportTiers.map((value) => ({
  value,
  label: supportTierLabels[value],
}));

export const customerStatusLabels: Record<CustomerStatus, string> = {
  active: "Active",
  suspended: "Suspended",
};

export const customerStatusOptions = customerStatuses.map((value) => ({
  value,
  label: value === "active" ? "Active" : "Suspended: every key is refused",
}));

/** A new customer may be served in every region until narrowed. */
export function customerFormValues(c?: Customer): CustomerFormValues {
  return {
    name: c?.name ?? "",
    contactName: c?.contactName ?? "",
    contactEmail: c?.contactEmail ?? "",
    supportTier: c?.supportTier ?? "basic",
    slaTier: c?.slaTier ?? "standard",
    allowedRegions: c ? [...c.allowedRegions] : [...regions],
    dataResidency: c?.dataResidency ? [...c.dataResidency] : [],
    status: c?.status ?? "active",
    notes: c?.notes ?? "",
  };
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/** What the form sends; cleared optional fields are null so an edit clears them too. */
export function customerRequest(v: CustomerFormValues) {
  return {
    name: v.name,
    contactName: orNull(v.contactName),
    contactEmail: orNull(v.contactEmail),
    supportTier: v.supportTier ?? undefined,
    slaTier: v.slaTier ?? undefined,
    allowedRegions: v.allowedRegions,
    dataResidency: v.dataResidency.length === 0 ? null : v.dataResidency,
    status: v.status ?? undefined,
    notes: v.notes.trim() === "" ? null : v.notes,
  };
}

const resolve = schemaResolver(createCustomerInput, { sync: true });

/** The server's schema, each message on the field the user can change. */
export function validateCustomerForm(values: CustomerFormValues): Record<string, string> {
  return byField(Object.entries(resolve(customerRequest(values))), customerFormFields);
}

export function parseCustomerForm(values: CustomerFormValues): CreateCustomerInput | null {
  const parsed = createCustomerInput.safeParse(customerRequest(values));
  return parsed.success ? parsed.data : null;
}
