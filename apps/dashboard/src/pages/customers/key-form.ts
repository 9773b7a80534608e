import { type CreateCustomerKeyInput, createCustomerKeyInput } from "@edgeplane/contracts";
import { schemaResolver } from "@mantine/form";
import { numberOrUndefined } from "../../lib/form-values.ts";
import { expiresAt } from "../node-keys/expiry.ts";
import { byField } from "./form-errors.ts";

export interface KeyFormValues {
  name: string;
  /** Empty: the whole catalogue, including models added later. */
  models: string[];
  rpmLimit: number | string;
  tpmLimit: number | string;
  monthlyTokenBudget: number | string;
  /** Empty: the customer's regions and residency apply unchanged. */
  regions: string[];
  dataResidency: string[];
  /** A lifetime choice ("never", "30" days…), named as the API's field so its errors land here. */
  expiresAt: string | null;
}

export const keyFormFields = [
  "name",
  "models",
  "rpmLimit",
  "tpmLimit",
  "monthlyTokenBudget",
  "regions",
  "dataResidency",
  "expiresAt",
] as const;

export function keyFormValues(): KeyFormValues {
  return {
    name: "",
    models: [],
    rpmLimit: "",
    tpmLimit: "",
    monthlyTokenBudget: "",
    regions: [],
    dataResidency: [],
    expiresAt: "never",
  };
}

const listOrUndefined = (list: string[]) => (list.length === 0 ? undefined : list);

/** What the form sends: an empty field is no limit, so it is left out. */
export function keyRequest(v: KeyFormValues, now = Date.now()) {
  return {
    name: v.name.trim() || undefined,
    models: listOrUndefined(v.models),
    rpmLimit: numberOrUndefined(v.rpmLimit),
    tpmLimit: numberOrUndefined(v.tpmLimit),
    monthlyTokenBudget: numberOrUndefined(v.monthlyTokenBudget),
    regions: listOrUndefined(v.regions),
    dataResidency: listOrUndefined(v.dataResidency),
    expiresAt: expiresAt(v.expiresAt, now),
  };
}

const resolve = schemaResolver(createCustomerKeyInput, { sync: true });

export function validateKeyForm(values: KeyFormValues): Record<string, string> {
  return byField(Object.entries(resolve(keyRequest(values))), keyFormFields);
}

export function parseKeyForm(
  values: KeyFormValues,
  now = Date.now(),
): CreateCustomerKeyInput | null {
  const parsed = createCustomerKeyInput.safeParse(keyRequest(values, now));
  return parsed.success ? parsed.data : null;
}
