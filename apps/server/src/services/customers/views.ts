import {
  type CustomerStatus,
  type Region,
  type SlaTarget,
  type SlaTier,
  type SupportTier,
  slaTargets,
} from "@edgeplane/contracts";
import type { schema } from "@edgeplane/db";

type CustomerRow = typeof schema.customers.$inferSelect;

export interface CustomerView {
  id: string;
  name: string;
  contactName: string | null;
  contactEmail: string | null;
  supportTier: SupportTier;
  slaTier: SlaTier;
  /** The tier's availability and support response targets, as the UI shows them. */
  sla: SlaTarget;
  allowedRegions: Region[];
  dataResidency: string[] | null;
  status: CustomerStatus;
  notes: string | null;
  activeKeys: number;
  createdAt: string;
  updatedAt: string;
}

export function customerView(row: CustomerRow, activeKeys: number): CustomerView {
  return {
    id: row.id,
    name: row.name,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    supportTier: row.supportTier,
    slaTier: row.slaTier,
    sla: slaTargets[row.slaTier],
    allowedRegions: row.allowedRegions,
    dataResidency: row.dataResidency,
    status: row.status,
    notes: row.notes,
    activeKeys,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
