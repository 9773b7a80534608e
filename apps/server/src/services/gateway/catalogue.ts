import type { ModelKind, ModelStatus } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import type { Db } from "../context.ts";
import { TtlCache } from "./ttl-cache.ts";

export interface CatalogueModel {
  id: string;
  orgId: string;
  publicId: string;
  upstreamName: string;
  kind: ModelKind;
  contextLength: number;
  inputPricePerMTok: number;
  outputPricePerMTok: number;
  status: ModelStatus;
  createdAt: Date;
}

export type Catalogue = ReadonlyMap<string, CatalogueModel>;

async function loadCatalogue(db: Db, orgId: string): Promise<Catalogue> {
  const m = schema.models;
  const rows = await db.select().from(m).where(eq(m.orgId, orgId));
  return new Map(rows.map((r) => [r.publicId, r]));
}

const catalogues = new WeakMap<Db, TtlCache<Catalogue>>();

/**
 * An org's model catalogue by public id. Re-read every 2 s per replica (the cross-replica bound
 * on a price or mapping change); the replica that changes it evicts at once.
 */
export function modelCatalogue(db: Db): TtlCache<Catalogue> {
  let c = catalogues.get(db);
  if (!c) {
    c = new TtlCache((orgId) => loadCatalogue(db, orgId), { ttlMs: 2000 });
    catalogues.set(db, c);
  }
  return c;
}

export function evictCatalogue(db: Db, orgId: string): void {
  catalogues.get(db)?.evict(orgId);
}
