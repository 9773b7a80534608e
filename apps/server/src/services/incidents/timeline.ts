import type { IncidentEventKind } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import type { Actor, Tx } from "../context.ts";

export interface NewEvent {
  incidentId: string;
  orgId: string;
  kind: IncidentEventKind;
  /** Null: the health evaluator. */
  actor: Actor | null;
  at: Date;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to incidents' timelines, in the caller's transaction: no change without its event. */
export async function appendEvents(tx: Tx, events: NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    await tx.insert(schema.incidentEvents).values(
      events.slice(i, i + 500).map((e) => ({
        incidentId: e.incidentId,
        orgId: e.orgId,
        kind: e.kind,
        at: e.at,
        actorId: e.actor?.userId ?? null,
        actorEmail: e.actor?.email ?? null,
        fromValue: e.from ?? null,
        toValue: e.to ?? null,
        note: e.note ?? null,
        details: e.details ?? {},
      })),
    );
  }
}
