import { schema } from "@edgeplane/db";
import { and, eq, ne, sum } from "drizzle-orm";
import { ConflictError, ValidationError } from "../../errors.ts";
import type { Tx } from "../context.ts";

type SiteRow = typeof schema.sites.$inferSelect;

/**
 * The site a node is (re)registered on, locked so capacity sums and a concurrent site delete
 * are serialised. Another org's site reads as absent: ids cannot be probed.
 */
export async function lockTargetSite(tx: Tx, orgId: string, siteId: string): Promise<SiteRow> {
  const s = schema.sites;
  const [site] = await tx
    .select()
    .from(s)
    .where(and(eq(s.orgId, orgId), eq(s.id, siteId)))
    .for("update");
  if (!site) {
    throw new ValidationError([{ path: "siteId", message: "No such site in this organization" }]);
  }
  if (site.status === "retired") {
    throw new ConflictError(`The site ${site.name} is retired: nodes cannot be added to it`, [
      { path: "siteId", message: "The site is retired" },
    ]);
  }
  return site;
}

export async function assertExternalIdFree(
  tx: Tx,
  orgId: string,
  externalId: string,
  exceptNodeId?: string,
): Promise<void> {
  const n = schema.nodes;
  const [taken] = await tx
    .select({ id: n.id })
    .from(n)
    .where(
      and(
        eq(n.orgId, orgId),
        eq(n.externalId, externalId),
        exceptNodeId ? ne(n.id, exceptNodeId) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw duplicateExternalId(externalId);
}

export function duplicateExternalId(externalId: string): ConflictError {
  return new ConflictError(`Another node already has the external id ${externalId}`, [
    { path: "externalId", message: "Already used by another node in this organization" },
  ]);
}

/** True for a unique-constraint violation, however the driver wrapped it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Why a node's draw would exceed its site's capacity (null when it fits). Over capacity is
 * allowed, not refused: the operator may know better, so the reason is recorded instead.
 */
export async function capacityWarning(
  tx: Tx,
  site: SiteRow,
  drawW: number,
  exceptNodeId?: string,
): Promise<string | null> {
  const n = schema.nodes;
  const [row] = await tx
    .select({ w: sum(n.powerDrawW).mapWith(Number) })
    .from(n)
    .where(
      and(
        eq(n.orgId, site.orgId),
        eq(n.siteId, site.id),
        exceptNodeId ? ne(n.id, exceptNodeId) : undefined,
      ),
    );
  const totalW = (row?.w ?? 0) + drawW;
  const capacityW = site.powerCapacityKw * 1000;
  if (totalW <= capacityW) return null;
  const pct = Math.round((totalW / capacityW) * 100);
  return `Site ${site.name} has ${site.powerCapacityKw} kW of capacity; its nodes would draw ${totalW / 1000} kW (${pct} %)`;
}
