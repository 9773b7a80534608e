import { nodeKeyStates, nodeStatuses, siteStatuses } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import { stateOptions, stateStyle } from "./states.ts";

describe("state badges", () => {
  it("uses the field notes' colours for node states", () => {
    expect(Object.fromEntries(nodeStatuses.map((s) => [s, stateStyle("node", s).color]))).toEqual({
      pending: "gray",
      online: "green",
      degraded: "orange",
      offline: "red",
      maintenance: "blue",
    });
  });

  it("has a word for every state the server can answer", () => {
    expect(
      stateOptions("node")
        .map((o) => o.value)
        .sort(),
    ).toEqual([...nodeStatuses].sort());
    expect(
      stateOptions("site")
        .map((o) => o.value)
        .sort(),
    ).toEqual([...siteStatuses].sort());
    expect(
      stateOptions("key")
        .map((o) => o.value)
        .sort(),
    ).toEqual([...nodeKeyStates].sort());
  });

  it("shows an unknown state as itself rather than failing", () => {
    expect(stateStyle("node", "rebooting")).toEqual({ label: "rebooting", color: "gray" });
  });
});
