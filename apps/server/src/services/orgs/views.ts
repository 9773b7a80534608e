import type { OrgView, UseCase } from "@edgeplane/contracts";
import type { schema } from "@edgeplane/db";

type OrgRow = typeof schema.organizations.$inferSelect;

export function orgView(row: OrgRow): OrgView {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    useCase: row.useCase as UseCase,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type { OrgView };
