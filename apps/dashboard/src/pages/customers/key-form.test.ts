import { describe, expect, it } from "vitest";
import { keyFormValues, keyRequest, parseKeyForm, validateKeyForm } from "./key-form.ts";

const now = Date.parse("2026-11-25T12:00:00Z");

describe("customer key form", () => {
  it("leaves empty limits out: no limit, every model, the customer's placement", () => {
    expect(parseKeyForm(keyFormValues(), now)).toEqual({});
  });

  it("maps each field to the API's, with the expiry as an instant", () => {
    const v = {
      ...keyFormValues(),
      name: " production ",
      models: ["llama-3.1-8b"],
      rpmLimit: 600,
      tpmLimit: 100_000,
      monthlyTokenBudget: 5_000_000,
      regions: ["africa"],
      dataResidency: ["KE"],
      expiresAt: "30",
    };
    expect(keyRequest(v, now)).toEqual({
      name: "production",
      models: ["llama-3.1-8b"],
      rpmLimit: 600,
      tpmLimit: 100_000,
      monthlyTokenBudget: 5_000_000,
      regions: ["africa"],
      dataResidency: ["KE"],
      expiresAt: "2026-12-25T12:00:00.000Z",
    });
  });

  it("refuses limits the server would refuse, on their fields", () => {
    const errors = validateKeyForm({ ...keyFormValues(), rpmLimit: 0, tpmLimit: 1.5 });
    expect(Object.keys(errors).sort()).toEqual(["rpmLimit", "tpmLimit"]);
    expect(parseKeyForm({ ...keyFormValues(), monthlyTokenBudget: -1 }, now)).toBeNull();
  });
});
