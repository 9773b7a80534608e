import { describe, expect, it } from "vitest";
import type { CatalogueModel } from "../../api/models.ts";
import { modelChanges, modelFormValues, parseModelForm, validateModelForm } from "./model-form.ts";

const filled = {
  ...modelFormValues(),
  publicId: "llama-3.1-8b",
  upstreamName: "meta-llama/Llama-3.1-8B-Instruct",
  contextLength: 131072,
  inputPricePerMTok: 0.05,
  outputPricePerMTok: 0.08,
};

const existing: CatalogueModel = {
  id: "mdl_1",
  publicId: "llama-3.1-8b",
  upstreamName: "meta-llama/Llama-3.1-8B-Instruct",
  kind: "chat",
  contextLength: 131072,
  inputPricePerMTok: 0.05,
  outputPricePerMTok: 0.08,
  status: "active",
  availability: [],
  createdAt: "2026-11-25T10:00:00.000Z",
  updatedAt: "2026-11-25T10:00:00.000Z",
};

describe("model form", () => {
  it("asks for every required field in plain words", () => {
    const errors = validateModelForm(modelFormValues());
    expect(errors).toMatchObject({
      publicId: "Enter the id customers will send",
      upstreamName: "Enter the name the nodes' inference servers use",
      contextLength: "Enter the context length in tokens",
      inputPricePerMTok: "Enter the price per 1M input tokens (0 if free)",
      outputPricePerMTok: "Enter the price per 1M output tokens (0 if free)",
    });
  });

  it("applies the server's rules: id characters, spaces in the upstream name, bounds", () => {
    const errors = validateModelForm({
      ...filled,
      publicId: "llama 3",
      upstreamName: "meta llama",
      contextLength: 0,
      inputPricePerMTok: -1,
    });
    expect(errors.publicId).toBe("Letters, digits and . _ : / - only");
    expect(errors.upstreamName).toBe("Printable ASCII without spaces");
    expect(errors.contextLength).toBeDefined();
    expect(errors.inputPricePerMTok).toBeDefined();
    expect(errors.outputPricePerMTok).toBeUndefined();
  });

  it("sends a valid entry as the API's input, active by default", () => {
    expect(validateModelForm(filled)).toEqual({});
    expect(parseModelForm(filled)).toEqual({
      publicId: "llama-3.1-8b",
      upstreamName: "meta-llama/Llama-3.1-8B-Instruct",
      kind: "chat",
      contextLength: 131072,
      inputPricePerMTok: 0.05,
      outputPricePerMTok: 0.08,
      status: "active",
    });
    expect(parseModelForm({ ...filled, contextLength: "" })).toBeNull();
  });

  it("sends only what an edit changed, and nothing for an unchanged form", () => {
    const unchanged = parseModelForm(modelFormValues(existing));
    expect(unchanged && modelChanges(existing, unchanged)).toEqual({});
    const edited = parseModelForm({
      ...modelFormValues(existing),
      outputPricePerMTok: 0.1,
      status: "disabled",
    });
    expect(edited && modelChanges(existing, edited)).toEqual({
      outputPricePerMTok: 0.1,
      status: "disabled",
    });
  });
});
