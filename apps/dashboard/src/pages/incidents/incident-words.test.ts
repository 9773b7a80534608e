import type { IncidentEventView } from "@edgeplane/contracts";
import { describe, expect, it } from "vitest";
import { actorName, describeEvent, incidentDurationMs } from "./incident-words.ts";

const event = (e: Partial<IncidentEventView>): IncidentEventView => ({
  id: 1,
  at: "2026-11-25T10:00:00Z",
  kind: "note",
  actor: null,
  from: null,
  to: null,
  note: null,
  ...e,
});
const emails = (id: string) => (id === "u1" ? "ops@example.com" : null);

describe("incident timeline words", () => {
  it("says what happened in each event", () => {
    expect(describeEvent(event({ kind: "opened", to: "critical" }), emails)).toBe(
      "Opened as critical",
    );
    expect(
      describeEvent(event({ kind: "severity_changed", from: "major", to: "critical" }), emails),
    ).toBe("Severity changed from Major to Critical");
    expect(describeEvent(event({ kind: "assigned", to: "u1" }), emails)).toBe(
      "Assigned to ops@example.com",
    );
    expect(describeEvent(event({ kind: "assigned", to: "gone" }), emails)).toBe(
      "Assigned to a former member",
    );
    expect(describeEvent(event({ kind: "assigned", to: null }), emails)).toBe("Unassigned");
    expect(
      describeEvent(
        event({ kind: "status_changed", from: "investigating", to: "identified" }),
        emails,
      ),
    ).toBe("Status changed from Investigating to Identified");
  });

  it("tells a hand resolution from a recovery", () => {
    const actor = { id: "u1", email: "ops@example.com" };
    expect(describeEvent(event({ kind: "resolved", actor }), emails)).toBe("Resolved");
    expect(describeEvent(event({ kind: "resolved" }), emails)).toBe(
      "Resolved automatically: the node recovered",
    );
  });

  it("names who did it, the evaluator when nobody did", () => {
    expect(actorName(null)).toBe("Health evaluator");
    expect(actorName({ id: "u1", email: "ops@example.com" })).toBe("ops@example.com");
  });

  it("lasts until now while open, until resolution after", () => {
    const openedAt = "2026-11-25T10:00:00Z";
    const now = Date.parse("2026-11-25T10:30:00Z");
    expect(incidentDurationMs({ openedAt, resolvedAt: null }, now)).toBe(30 * 60_000);
    expect(incidentDurationMs({ openedAt, resolvedAt: "2026-11-25T10:05:00Z" }, now)).toBe(
      5 * 60_000,
    );
  });
});
