import type { ModelKind, ModelStatus, Region } from "@edgeplane/contracts";
import type { schema } from "@edgeplane/db";

type ModelRow = typeof schema.models.$inferSelect;

export interface RegionAvailability {
  region: Region;
  /** Connected nodes there that serve the model and can take traffic now. */
  nodes: number;
}

export interface ModelView {
  id: string;
  publicId: string;
  upstreamName: string;
  kind: ModelKind;
  contextLength: number;
  inputPricePerMTok: number;
  outputPricePerMTok: number;
  status: ModelStatus;
  /** Regions with a candidate node right now; empty: the model is unavailable. */
  availability: RegionAvailability[];
  createdAt: string;
  updatedAt: string;
}

export function modelView(row: ModelRow, availability: RegionAvailability[]): ModelView {
  return {
    id: row.id,
    publicId: row.publicId,
    upstreamName: row.upstreamName,
    kind: row.kind,
    contextLength: row.contextLength,
    inputPricePerMTok: row.inputPricePerMTok,
    outputPricePerMTok: row.outputPricePerMTok,
    status: row.status,
    availability,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
