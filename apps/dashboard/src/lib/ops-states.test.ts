import { componentStates, incidentSeverities, incidentStatuses } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import { stateOptions, stateStyle } from "./states.ts";

describe("status, incident and severity badges", () => {
  it("has a word for every state the server can answer", () => {
    const values = (kind: "component" | "incident" | "severity") =>
      stateOptions(kind)
        .map((o) => o.value)
        .sort();
    expect(values("component")).toEqual([...componentStates].sort());
    expect(values("incident")).toEqual([...incidentStatuses].sort());
    expect(values("severity")).toEqual([...incidentSeverities].sort());
  });

  it("uses Statuspage's words and colours from operational to major outage", () => {
    expect(componentStates.map((s) => stateStyle("component", s))).toEqual([
      { label: "Operational", color: "green" },
      { label: "Degraded performance", color: "yellow" },
      { label: "Partial outage", color: "orange" },
      { label: "Major outage", color: "red" },
      { label: "Under maintenance", color: "blue" },
    ]);
  });

  it("shows critical in red", () => {
    expect(stateStyle("severity", "critical").color).toBe("red");
    expect(stateStyle("incident", "resolved").color).toBe("green");
  });
});
