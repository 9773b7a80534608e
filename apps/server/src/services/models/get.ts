import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { Db } from "../context.ts";
import type { LiveView } from "../gateway/route.ts";
import { availabilityByUpstream } from "./availability.ts";
import { type ModelView, modelView } from "./views.ts";

export async function getModel(
  db: Db,
  orgId: string,
  modelId: string,
  live: Pick<LiveView, "connected">,
): Promise<ModelView> {
  const m = schema.models;
  const [row] = await db
    .select()
    .from(m)
    .where(and(eq(m.orgId, orgId), eq(m.id, modelId)))
    .limit(1);
  if (!row) throw new NotFoundError("Model");
  const availability = await availabilityByUpstream(db, orgId, [row.upstreamName], live);
  return modelView(row, availability.get(row.upstreamName) ?? []);
}
