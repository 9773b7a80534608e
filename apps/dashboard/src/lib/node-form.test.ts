import { newId } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import {
  nodeFormValues,
  normalizeAccelerator,
  parseLabels,
  parseNodeForm,
  powerSuggestion,
  validateNodeForm,
} from "./node-form.ts";

const siteId = newId("site");
const filled = {
  ...nodeFormValues(undefined, siteId),
  name: "gpu-node-01",
  externalId: "asset-0001",
  acceleratorType: "NVIDIA L40S",
  gpuCount: 4,
};

describe("node form", () => {
  it("suggests a power draw for a catalogue accelerator and says how", () => {
    const s = powerSuggestion("NVIDIA L40S", 4);
    expect(s?.watts).toBe(1960);
    expect(s?.note).toContain("350 W board power × 4 GPUs × 1.4");
    expect(powerSuggestion("Custom ASIC", 4)).toBeNull();
    expect(powerSuggestion("NVIDIA L40S", "")).toBeNull();
  });

  it("stores a catalogue accelerator by its id and keeps free text", () => {
    expect(normalizeAccelerator("nvidia l40s")).toBe("nvidia-l40s");
    expect(normalizeAccelerator(" Custom ASIC ")).toBe("Custom ASIC");
  });

  it("needs a power draw only outside the catalogue", () => {
    expect(validateNodeForm(filled)).toEqual({});
    expect(validateNodeForm({ ...filled, acceleratorType: "Custom ASIC" })).toEqual({
      powerDrawW: "Enter the power draw: this accelerator is not in the catalogue",
    });
  });

  it("says in words what an empty form lacks", () => {
    expect(validateNodeForm({ ...nodeFormValues(), gpuCount: "" })).toMatchObject({
      siteId: "Choose the site the node is in",
      name: "Required",
      externalId: "Required",
      acceleratorType: "Required",
      gpuCount: "Enter the number of GPUs",
    });
  });

  it("checks external ids and labels with the contracts' rules", () => {
    expect(validateNodeForm({ ...filled, externalId: "has space" })).toEqual({
      externalId: "Printable ASCII without spaces",
    });
    expect(validateNodeForm({ ...filled, labels: ["rack"] })).toEqual({
      labels: "Write each label as key=value",
    });
    expect(parseLabels(["rack=A3", "env = prod"])).toEqual({ rack: "A3", env: "prod" });
  });

  it("sends what the server expects", () => {
    expect(parseNodeForm({ ...filled, latencyEstimateMs: 18, labels: ["rack=A3"] })).toEqual({
      siteId,
      name: "gpu-node-01",
      externalId: "asset-0001",
      acceleratorType: "nvidia-l40s",
      gpuCount: 4,
      latencyEstimateMs: 18,
      labels: { rack: "A3" },
    });
  });
});
