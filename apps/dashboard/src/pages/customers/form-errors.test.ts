import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client.ts";
import { applyListFieldErrors, byField } from "./form-errors.ts";

const problem = (errors: { path: string; message: string }[]) =>
  new ApiError({
    type: "about:blank",
    title: "Bad request",
    status: 400,
    detail: "Invalid input",
    code: "validation_failed",
    requestId: "req_1",
    errors,
  });

describe("field errors on list fields", () => {
  it("puts a list entry's error on its list and joins several", () => {
    expect(
      byField(
        [
          ["dataResidency.0", "Outside the customer's residency (US)"],
          ["dataResidency.2", "Outside the customer's residency (FR)"],
          ["name", "Required"],
        ],
        ["name", "dataResidency"],
      ),
    ).toEqual({
      dataResidency: "Outside the customer's residency (US); Outside the customer's residency (FR)",
      name: "Required",
    });
  });

  it("says whether every server error found a field", () => {
    const set: Record<string, string> = {};
    const form = { setFieldError: (p: string, m: string) => (set[p] = m) };
    const fields = ["models", "regions"];
    expect(
      applyListFieldErrors(
        form,
        fields,
        problem([{ path: "models.1", message: "No model gpt-9 in the catalogue" }]),
      ),
    ).toBe(true);
    expect(set).toEqual({ models: "No model gpt-9 in the catalogue" });
    expect(applyListFieldErrors(form, fields, problem([{ path: "other", message: "x" }]))).toBe(
      false,
    );
    expect(applyListFieldErrors(form, fields, new Error("network"))).toBe(false);
  });
});
